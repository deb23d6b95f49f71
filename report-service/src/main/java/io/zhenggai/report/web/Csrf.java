package io.zhenggai.report.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.ext.web.RoutingContext;

/**
 * CSRF protection for every form that changes something (double submit): a random token in an HttpOnly,
 * SameSite=Strict cookie, repeated by the page in each form (hidden field {@code _csrf}) and in htmx's requests
 * (header {@code X-CSRF-Token}, set once on the page's body). A change is made only when both are present and equal;
 * another site can neither read the cookie nor make the browser send it.
 */
@RequestScoped
public class Csrf {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    RoutingContext context;

    @Inject
    Cookies cookies;

    private String token;

    /** The token for this page's forms; a new one (and its cookie) when the browser has none. */
    public String token() {
        if (token == null) {
            token = Cookies.read(context, Cookies.CSRF);
            if (token == null) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                cookies.set(context, Cookies.CSRF, token, null);
            }
        }
        return token;
    }

    /** Refuses (403) unless the form's field or the header repeats the cookie's token. */
    public void check(String formValue) {
        String cookie = Cookies.read(context, Cookies.CSRF);
        String sent = formValue != null && !formValue.isEmpty() ? formValue : context.request().getHeader(HEADER);
        if (cookie == null || sent == null || !MessageDigest.isEqual(cookie.getBytes(StandardCharsets.US_ASCII),
                sent.getBytes(StandardCharsets.US_ASCII))) {
            throw new CsrfRefused();
        }
    }

    /** A change without the page's CSRF token: refused, nothing is done. */
    public static final class CsrfRefused extends RuntimeException {
        CsrfRefused() {
            super("表单已过期或来源不明，请刷新页面后重试。");
        }
    }
}
