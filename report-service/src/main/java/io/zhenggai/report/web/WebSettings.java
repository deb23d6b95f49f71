package io.zhenggai.report.web;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web app's settings ({@code zhenggai.web.*}); issue-service's address is {@code zhenggai.issue-service.url}. */
@ConfigMapping(prefix = "zhenggai.web")
public interface WebSettings {

    /** The local sign-in page: a list of demo users whose tokens are signed with the local key. */
    DemoSignIn demoSignIn();

    /** OpenID Connect sign-in (authorization code) against the identity provider, for production. */
    Oidc oidc();

    /** Cookies carry {@code Secure}: always in production (https); the local run on plain http turns it off. */
    @WithDefault("true")
    boolean secureCookies();

    /** How long a demo sign-in lasts. */
    @WithDefault("PT12H")
    java.time.Duration sessionLength();

    interface DemoSignIn {
        /** Off by default and in production; the local launcher and the tests turn it on. */
        @WithDefault("false")
        boolean enabled();

        /** The PEM private key the demo tokens are signed with (the local key pair's {@code private.pem}). */
        Optional<String> keyFile();
    }

    interface Oidc {
        /** The provider's issuer, e.g. https://sso.example.gov.cn/realms/zhenggai; sign-in by OIDC is off without it. */
        Optional<String> issuer();

        /** The public client the browser signs in with (the Keycloak realm's public client {@code zhenggai}, PKCE S256). */
        @WithDefault("zhenggai")
        String clientId();

        /** Where the provider sends the browser back; by default this service's own /signin/callback. */
        Optional<String> redirectUri();
    }
}
