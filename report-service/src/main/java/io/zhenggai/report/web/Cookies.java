package io.zhenggai.report.web;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The web app's cookies, all HttpOnly and SameSite=Strict (a cross-site request carries none of them), Secure unless
 * the local run turns it off: the session ({@code zg_session}, the signed-in user's token, read by smallrye-jwt as
 * {@code mp.jwt.token.cookie}), the CSRF token ({@code zg_csrf}) and an OIDC sign-in's state ({@code zg_oidc}).
 */
@ApplicationScoped
public class Cookies {

    public static final String SESSION = "zg_session";
    public static final String CSRF = "zg_csrf";
    public static final String OIDC = "zg_oidc";

    @Inject
    WebSettings settings;

    public void set(RoutingContext context, String name, String value, Duration maxAge) {
        Cookie cookie = Cookie.cookie(name, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(settings.secureCookies());
        if (maxAge != null) {
            cookie.setMaxAge(maxAge.toSeconds());
        }
        context.response().addCookie(cookie);
    }

    public void clear(RoutingContext context, String name) {
        set(context, name, "", Duration.ZERO);
    }

    public static String read(RoutingContext context, String name) {
        Cookie cookie = context.request().getCookie(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }
}
