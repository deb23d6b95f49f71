package io.zhenggai.report.web;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign-in and sign-out. Locally (only when {@code zhenggai.web.demo-sign-in.enabled}): a list of demo users, one
 * click each. In production: OpenID Connect against the identity provider ({@link OidcSignIn}). Either way the token
 * ends up in the HttpOnly, SameSite=Strict session cookie that smallrye-jwt verifies like a bearer token.
 */
@Path("/signin")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    @Inject
    Views views;

    @Inject
    DemoUsers demo;

    @Inject
    OidcSignIn oidc;

    @Inject
    Csrf csrf;

    @Inject
    Cookies cookies;

    @Inject
    WebSettings settings;

    @Inject
    RoutingContext context;

    @Location("signin.html")
    Template page;

    @GET
    public TemplateInstance signIn() {
        return views.page(page, null, "登录").data("demo", demo.enabled()).data("users", DemoUsers.USERS)
                .data("oidc", oidc.enabled());
    }

    @POST
    @Path("/demo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response demo(@FormParam("user") String user, @FormParam(Csrf.FIELD) String token) {
        csrf.check(token);
        if (!demo.enabled()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        DemoUsers.DemoUser who = demo.byId(user == null ? "" : user)
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException());
        cookies.set(context, Cookies.SESSION, demo.token(who), settings.sessionLength());
        return Response.seeOther(URI.create(who.role().equals("operator") ? "/ops"
                : who.role().equals("unit") ? "/inbox" : "/")).build();
    }

    /** Off to the identity provider (production). */
    @GET
    @Path("/oidc")
    public Response oidc() {
        if (!oidc.enabled()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        OidcSignIn.Started started = oidc.start(baseUrl());
        // Lax, not Strict: the provider sends the browser back here from its own site
        io.vertx.core.http.Cookie cookie = io.vertx.core.http.Cookie.cookie(Cookies.OIDC, started.cookie())
                .setPath("/signin").setHttpOnly(true).setSameSite(io.vertx.core.http.CookieSameSite.LAX)
                .setSecure(settings.secureCookies()).setMaxAge(600);
        context.response().addCookie(cookie);
        return Response.seeOther(started.authorization()).build();
    }

    /**
     * Back from the provider: the code is exchanged for the access token, which becomes the session. The answer is a
     * page that moves on to the overview by itself (a redirect would still count as the provider's cross-site
     * navigation, and the browser would hold back the SameSite=Strict session cookie on it).
     */
    @GET
    @Path("/callback")
    public Response callback(@jakarta.ws.rs.QueryParam("state") String state,
                             @jakarta.ws.rs.QueryParam("code") String code,
                             @jakarta.ws.rs.QueryParam("error_description") String error) {
        if (!oidc.enabled()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        try {
            if (error != null) {
                throw new OidcSignIn.SignInFailed("身份认证服务拒绝了登录：" + error);
            }
            OidcSignIn.Tokens tokens = oidc.finish(baseUrl(), Cookies.read(context, Cookies.OIDC), state, code);
            cookies.set(context, Cookies.SESSION, tokens.accessToken(), tokens.lifetime());
            context.response().addCookie(io.vertx.core.http.Cookie.cookie(Cookies.OIDC, "").setPath("/signin")
                    .setMaxAge(0));
            return Response.ok(views.page(page, null, "登录").data("demo", false).data("users", java.util.List.of())
                    .data("oidc", false).data("signedInAs", "/").render()).type(MediaType.TEXT_HTML).build();
        } catch (OidcSignIn.SignInFailed e) {
            return Response.status(401).type(MediaType.TEXT_HTML).entity(views.page(page, null, "登录")
                    .data("demo", demo.enabled()).data("users", DemoUsers.USERS).data("oidc", true)
                    .data("failure", e.getMessage()).render()).build();
        }
    }

    private String baseUrl() {
        return context.request().scheme() + "://" + context.request().authority();
    }

    @POST
    @Path("/out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam(Csrf.FIELD) String token) {
        csrf.check(token);
        cookies.clear(context, Cookies.SESSION);
        return Response.seeOther(URI.create("/signin")).build();
    }
}
