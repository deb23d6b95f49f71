package io.zhenggai.report.web;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import io.zhenggai.report.api.ProblemMapper;

/**
 * Refusals on pages answer as pages: not signed in (or the session expired) → to the sign-in page (htmx: by
 * {@code HX-Redirect}); a page the role may not open → 403 in Chinese; a form without its CSRF token → 403. Under
 * {@code /api} nothing changes: the API's problems, from {@link ProblemMapper}.
 */
public class PageErrors {

    private static final ProblemMapper PROBLEMS = new ProblemMapper();

    @Inject
    RoutingContext context;

    @Inject
    Views views;

    @Location("error.html")
    Template error;

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unauthenticated(UnauthorizedException e) {
        return isApi() ? PROBLEMS.unauthenticated(e) : toSignIn();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return isApi() ? PROBLEMS.authenticationFailed(e) : toSignIn();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response forbidden(ForbiddenException e) {
        if (isApi()) {
            return PROBLEMS.forbidden(e);
        }
        return page(403, "无权访问", "您的角色不能打开这个页面或执行这个操作。");
    }

    @ServerExceptionMapper
    public Response csrf(Csrf.CsrfRefused e) {
        return page(403, "请求被拒绝", e.getMessage());
    }

    private Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(views.page(error, null, title).data("message", message).render()).build();
    }

    private boolean isApi() {
        String path = context.normalizedPath();
        return path == null || path.startsWith("/api/") || path.startsWith("/q/");
    }

    private Response toSignIn() {
        if ("true".equals(context.request().getHeader("HX-Request"))) {
            return Response.status(401).header("HX-Redirect", "/signin").build();
        }
        return Response.seeOther(URI.create("/signin")).build();
    }
}
