package io.zhenggai.report.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A strict Content-Security-Policy on every page: scripts, styles, images and connections from this service only, no
 * inline script or style (the pages load {@code /static/app.js} and the webjars; data for charts travels in
 * attributes), no plugins, no framing, forms post here only. Not on {@code /api} (JSON) nor {@code /q} (Swagger UI has
 * inline scripts of its own). The referrer stays on this origin ({@code same-origin}): with {@code no-referrer} a
 * browser sends {@code Origin: null} on a form's POST, which the CORS filter refuses.
 */
public class SecurityHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'";

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") || path.startsWith("/q/")) {
            return;
        }
        response.getHeaders().putSingle("Content-Security-Policy", POLICY);
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
        response.getHeaders().putSingle("Referrer-Policy", "same-origin");
        response.getHeaders().putSingle("X-Frame-Options", "DENY");
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
