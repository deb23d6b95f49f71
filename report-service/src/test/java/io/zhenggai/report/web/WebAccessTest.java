package io.zhenggai.report.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.zhenggai.report.Api;

/**
 * Who may open which page, the same way {@code AuthorizationMatrixTest} checks the API: every page for every role
 * (the page's resource method allows exactly the roles its {@link Page} lists, so the navigation and the server
 * agree), anonymous callers sent to the sign-in page, a token in the session cookie read like a bearer token, the
 * strict Content-Security-Policy on every page, changes refused without the CSRF token and nothing stored, and the
 * demo sign-in off unless configured.
 */
@QuarkusTest
class WebAccessTest {

    static final List<String> ROLES = List.of("office", "unit", "leader", "viewer", "operator");

    @Test
    void shouldOpenEachPageToItsRolesAndRefuseTheOthers() {
        for (Page page : Page.values()) {
            for (String role : ROLES) {
                Response response = Api.as("web-" + role, role, "党政办公室").redirects().follow(false)
                        .get(page.path());
                int expected = page.roles().contains(role) ? 200 : 403;
                assertThat(response.statusCode()).as(page + " as " + role).isEqualTo(expected);
                assertThat(response.contentType()).as(page + " as " + role).startsWith("text/html");
                assertThat(response.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.POLICY);
                if (expected == 200 && page != Page.SCREEN) { // the wall display has no navigation
                    assertThat(response.body().asString()).contains("<title>" + page.title());
                    for (Page other : Page.values()) {
                        boolean linked = response.body().asString().contains("<li><a href=\"" + other.path() + "\"");
                        assertThat(linked).as(other + " in the navigation of " + role)
                                .isEqualTo(other.roles().contains(role));
                    }
                }
            }
            Response anonymous = RestAssured.given().redirects().follow(false).get(page.path());
            assertThat(anonymous.statusCode()).as(page + " anonymous").isEqualTo(303);
            assertThat(anonymous.header("Location")).endsWith("/signin");
        }
    }

    @Test
    void shouldAllowOnEachPageMethodExactlyTheRolesOfItsPage() {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (Class<?> type : List.of(OverviewPages.class, LedgerPages.class, WorkbenchPages.class, AdminPages.class)) {
            String base = type.getAnnotation(Path.class).value();
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(GET.class) && method.isAnnotationPresent(RolesAllowed.class)) {
                    String sub = method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "";
                    String path = (base + "/" + sub).replaceAll("/+", "/");
                    path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    declared.put(path, Set.of(method.getAnnotation(RolesAllowed.class).value()));
                }
            }
        }
        for (Page page : Page.values()) {
            assertThat(declared.get(page.path())).as(page.path()).isEqualTo(page.roles());
        }
    }

    @Test
    void shouldReadTheSessionCookieLikeABearerToken() {
        String token = io.zhenggai.local.test.JwtTestResource.token("web-cookie", "leader");
        RestAssured.given().cookie(Cookies.SESSION, token).get("/").then().statusCode(200)
                .body(containsString("data-user"));
        RestAssured.given().cookie(Cookies.SESSION, token).get("/api/reports/summary").then().statusCode(200);
        RestAssured.given().cookie(Cookies.SESSION, "not-a-token").redirects().follow(false).get("/").then()
                .statusCode(303);
    }

    @Test
    void shouldRefuseAChangeWithoutTheCsrfTokenAndStoreNothing() {
        String code = "web.csrf_probe";
        Map<String, String> form = Map.of("code", code, "name", "探针", "numerator", "issues()");
        String formType = "application/x-www-form-urlencoded; charset=UTF-8";
        // no token at all, a token not matching the cookie, a token without its cookie
        Api.as("web-office", "office").formParams(form).post("/indicators").then().statusCode(403)
                .body(containsString("请求被拒绝"));
        Api.as("web-office", "office").cookie(Cookies.CSRF, "a".repeat(43)).formParam("_csrf", "b".repeat(43))
                .formParams(form).post("/indicators").then().statusCode(403);
        Api.as("web-office", "office").formParam("_csrf", "b".repeat(43)).formParams(form).post("/indicators")
                .then().statusCode(403);
        Api.given().get("/api/indicators/" + code).then().statusCode(404);
        // with it, the change is made
        String csrf = "c".repeat(43);
        Api.as("web-office", "office").contentType(formType).cookie(Cookies.CSRF, csrf).formParam("_csrf", csrf)
                .formParams(form).redirects().follow(false).post("/indicators").then().statusCode(303);
        Api.given().get("/api/indicators/" + code).then().statusCode(200).body("name", equalTo("探针"));
        Api.given().delete("/api/indicators/" + code).then().statusCode(204);
    }

    @Test
    void shouldShowTheValueOfAnIndicatorBeforeItIsSavedAndWhereItsGrammarGoesWrong() {
        String csrf = "d".repeat(43);
        Api.as("web-office", "office").cookie(Cookies.CSRF, csrf).formParam("_csrf", csrf)
                .formParam("code", "web.preview").formParam("name", "试算").formParam("numerator", "issues()")
                .post("/indicators/preview").then().statusCode(200).body(containsString("data-preview-value"));
        Api.as("web-office", "office").cookie(Cookies.CSRF, csrf).formParam("_csrf", csrf)
                .formParam("code", "web.preview").formParam("name", "试算").formParam("numerator", "metric loan")
                .post("/indicators/preview").then().statusCode(200).body(containsString("分子第"));
        // a form field longer than a few sentences (a pasted bulletin, a long progress report) is taken
        Api.as("web-office", "office").contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(Cookies.CSRF, csrf).formParam("_csrf", csrf).formParam("code", "web.preview")
                .formParam("name", "试算").formParam("numerator", "issues()").formParam("description", "说明".repeat(30_000))
                .post("/indicators/preview").then().statusCode(200).body(containsString("data-preview-value"));
        Api.given().get("/api/indicators/web.preview").then().statusCode(404);
    }

    @Test
    void shouldKeepTheDemoSignInOffUnlessConfigured() {
        Response page = RestAssured.given().get("/signin");
        page.then().statusCode(200).body(not(containsString("data-demo-user")));
        String csrf = page.cookie(Cookies.CSRF);
        assertThat(csrf).isNotBlank();
        assertThat(page.header("Set-Cookie")).containsIgnoringCase("HttpOnly").contains("SameSite=Strict");
        RestAssured.given().cookie(Cookies.CSRF, csrf).formParam("_csrf", csrf).formParam("user", "office")
                .redirects().follow(false).post("/signin/demo").then().statusCode(404)
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldServeEveryScriptAndStyleThePagesLoadFromHere() {
        String html = Api.as("web-leader", "leader").get("/").then().statusCode(200).extract().asString();
        List<String> assets = Arrays.stream(html.split("(src|href)=\""))
                .skip(1).map(s -> s.substring(0, s.indexOf('"')))
                .filter(s -> s.endsWith(".js") || s.endsWith(".css") || s.endsWith(".svg")).toList();
        assertThat(assets).contains("/static/app.js", "/static/app.css",
                "/webjars/echarts/5.3.1/dist/echarts.common.min.js", "/webjars/htmx.org/2.0.4/dist/htmx.min.js",
                "/webjars/htmx-ext-sse/2.2.2/sse.js");
        for (String asset : assets) {
            assertThat(asset).as("served here, no CDN").startsWith("/");
            RestAssured.given().get(asset).then().statusCode(200);
        }
        assertThat(html).doesNotContain("<script>").doesNotContain(" style=\"").doesNotContain("onclick=");
    }
}
