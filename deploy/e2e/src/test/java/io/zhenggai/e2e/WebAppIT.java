package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;

/**
 * The web app in a real headless Chromium against both services as processes and the seed bulletin: each demo role
 * sees its pages and only those; 总览 shows the API's figures, empties as of 2022-12-06 and comes back as of
 * 2023-05-10; the completion rate opens its drill-through. Screenshots of each page (desktop 1366×900, phone
 * 390×844, 大屏 1920×1080) go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebAppIT {

    static RunningSystem system;
    /** The issue the unit reported progress on (test 3), which it then asks to close (test 6). */
    static String reported;
    static String seed;
    static final String OFFICE = RunningSystem.token("web-office", "office");

    /** The pages in each demo user's navigation. */
    static final Map<String, List<String>> NAVIGATION = new LinkedHashMap<>();

    static {
        NAVIGATION.put("office", List.of("总览", "大屏", "台账", "审核", "导入与通报", "指标"));
        NAVIGATION.put("unit-party", List.of("总览", "大屏", "台账", "我的待办"));
        NAVIGATION.put("unit-economy", List.of("总览", "大屏", "台账", "我的待办"));
        NAVIGATION.put("leader", List.of("总览", "大屏", "台账"));
        NAVIGATION.put("viewer", List.of("总览", "大屏", "台账"));
        NAVIGATION.put("operator", List.of("总览", "大屏", "运维"));
    }

    /** Pages a role may not open: refused (403) even when typed in. */
    static final Map<String, List<String>> REFUSED = Map.of(
            "office", List.of("/ops", "/inbox"),
            "unit-party", List.of("/review", "/imports", "/indicators", "/ops"),
            "leader", List.of("/review", "/imports", "/indicators", "/ops", "/inbox"),
            "operator", List.of("/issues", "/review", "/imports", "/indicators", "/inbox"));

    @BeforeAll
    static void importSeed() throws Exception {
        system = RunningSystem.get();
        String text = Files.readString(RunningSystem.root().resolve("seeds/dongying-edz-rectification-2023-05-10.txt"),
                StandardCharsets.UTF_8);
        seed = given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE)
                .contentType("text/plain; charset=UTF-8").body(text).post("/api/imports/bulletins").then()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("inspectionId");
        long total = given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE)
                .queryParam("inspection", seed).queryParam("size", 1).get("/api/issues").then().statusCode(200)
                .extract().jsonPath().getLong("total");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                summary("inspection", seed).getLong("issues.total") == total);
    }

    @Test
    @Order(1)
    void shouldShowEachDemoRoleItsPagesAndNoOthers() {
        try (Browser browser = Browser.open()) {
            for (Map.Entry<String, List<String>> user : NAVIGATION.entrySet()) {
                signIn(browser, user.getKey());
                List<String> shown = browser.driver.findElements(By.cssSelector("nav[aria-label='主导航'] a")).stream()
                        .map(WebElement::getText).toList();
                assertThat(shown).as("navigation of " + user.getKey()).isEqualTo(user.getValue());
                for (String path : REFUSED.getOrDefault(user.getKey(), List.of())) {
                    browser.driver.get(system.reportService.baseUrl() + path);
                    assertThat(browser.driver.findElement(By.tagName("h1")).getText()).as(user.getKey() + " " + path)
                            .isEqualTo("无权访问");
                }
                signOut(browser);
            }
            browser.driver.get(system.reportService.baseUrl() + "/");
            assertThat(browser.driver.getCurrentUrl()).as("signed out: back to the sign-in page").endsWith("/signin");
        }
    }

    @Test
    @Order(2)
    void shouldShowTheApisFiguresAsOfAnyDateAndDrillIntoTheCompletionRate() {
        JsonPath api = summary("inspection", seed);
        assertThat(api.getLong("issues.total")).isEqualTo(53);
        try (Browser browser = Browser.open()) {
            signIn(browser, "leader");
            browser.driver.get(system.reportService.baseUrl() + "/?inspection=" + seed);
            assertThat(figure(browser, "total")).isEqualTo("53");
            assertThat(figure(browser, "completionRate"))
                    .isEqualTo(api.getString("issues.completionRate.display"));
            List<Map<String, Object>> indicators = api.getList("indicators");
            for (Map<String, Object> indicator : indicators) {
                @SuppressWarnings("unchecked")
                Map<String, Object> value = (Map<String, Object>) indicator.get("value");
                String expected = value.get("display") == null ? "—"
                        : qualifier(String.valueOf(value.get("qualifier"))) + value.get("display");
                assertThat(indicatorTile(browser, (String) indicator.get("code"))).as(indicator.get("name").toString())
                        .isEqualTo(expected);
            }
            assertThat(indicatorTile(browser, "investment.completed")).isEqualTo("13.63亿元");
            assertThat(indicatorTile(browser, "loan.npl_ratio")).isEqualTo("预计2.41%");
            assertThat(browser.driver.findElement(By.cssSelector("[data-indicator='investment.completed'] [data-change]"))
                    .getText()).as("one bulletin so far: nothing to compare with").isEqualTo("首次报告");
            assertThat(indicatorTile(browser, "foreign_capital.manufacturing_share")).isEqualTo("72.4%");
            assertThat(browser.driver.findElements(By.cssSelector("[data-indicator] .value")).stream()
                    .map(WebElement::getText)).contains("63.16%");
            browser.screenshot("overview-desktop", Browser.DESKTOP);
            browser.screenshot("overview-phone", Browser.PHONE);

            pickDate(browser, "2022-12-06");
            assertThat(figure(browser, "total")).isEqualTo("0");
            assertThat(indicatorTile(browser, "investment.completed")).isEqualTo("—");
            pickDate(browser, "2023-05-10");
            assertThat(figure(browser, "total")).isEqualTo("53");
            assertThat(indicatorTile(browser, "investment.completed")).isEqualTo("13.63亿元");

            browser.driver.findElement(By.cssSelector("[data-figure='completionRate']")).click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/drill"));
            long counted = api.getLong("issues.completedOrClosed");
            assertThat(browser.driver.findElement(By.cssSelector("[data-drill-count]")).getText())
                    .isEqualTo("共 " + counted + " 个问题");
            assertThat(browser.driver.findElements(By.cssSelector("table.issues tbody tr"))).hasSize((int) counted);
            browser.screenshot("drill-desktop", Browser.DESKTOP);

            browser.driver.get(system.reportService.baseUrl() + "/screen?inspection=" + seed);
            assertThat(figure(browser, "total")).isEqualTo("53");
            browser.screenshot("screen-wall", Browser.WALL);
            assertNoAlert(browser);
        }
    }

    /**
     * A unit signs for an assignment on its inbox, reports progress with "已完成投资1.2亿元" in the text, sees the
     * reading issue-service read from it and confirms; 总览 open in a second browser shows the new total within 2 s,
     * without a reload (pushed by server-sent events when report-service applied the event). The issue lives in an
     * inspection of its own, so the seed's figures stay as the other tests expect them.
     */
    @Test
    @Order(3)
    void shouldShowAUnitsReportedInvestmentOnAnOpenOverviewWithoutReload() {
        String inspection = inspection("网页测试区" + java.util.UUID.randomUUID());
        String issue = issue(inspection, "关于新建项目投资进度偏慢的问题");
        reported = issue;
        assign(issue, "党政办公室");
        String before = investmentTotal();
        try (Browser overview = Browser.open(); Browser unit = Browser.open()) {
            signIn(overview, "leader");
            overview.driver.get(system.reportService.baseUrl() + "/");
            assertThat(indicatorTile(overview, "investment.completed")).isEqualTo(before);
            // a reload would drop this
            overview.driver.executeScript("window.zhenggaiNoReload = 42;");

            signIn(unit, "unit-party");
            assertThat(unit.driver.getCurrentUrl()).endsWith("/inbox");
            unit.driver.findElement(By.cssSelector("[data-to-sign='" + issue + "'] [data-action='sign']")).click();
            new WebDriverWait(unit.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("done=signed"));
            unit.driver.findElement(By.cssSelector("[data-progress-text]"))
                    .sendKeys("本季度新建项目开工建设，已完成投资1.2亿元。");
            unit.driver.findElement(By.cssSelector("[data-action='preview']")).click();
            WebElement reading = new WebDriverWait(unit.driver, Duration.ofSeconds(20))
                    .until(d -> d.findElement(By.cssSelector("[data-reading]")));
            assertThat(reading.getText()).contains("已完成投资").contains("1.2亿元").contains("investment.completed");
            unit.screenshot("issue-progress-preview-desktop", Browser.DESKTOP);
            unit.driver.findElement(By.cssSelector("[data-confirm-progress]")).click();
            new WebDriverWait(unit.driver, Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("done=progress"));
            long confirmed = System.nanoTime();

            new WebDriverWait(overview.driver, Duration.ofSeconds(2)).pollingEvery(Duration.ofMillis(50))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> !before.equals(indicatorTile(overview, "investment.completed")));
            System.out.printf("new total on the open overview %d ms after the report was confirmed%n",
                    (System.nanoTime() - confirmed) / 1_000_000);
            assertThat(indicatorTile(overview, "investment.completed")).isEqualTo(investmentTotal(before))
                    .isNotEqualTo("13.63亿元");
            assertThat(overview.driver.executeScript("return window.zhenggaiNoReload;")).as("no reload")
                    .isEqualTo(42L);
            assertThat(overview.driver.getCurrentUrl()).isEqualTo(system.reportService.baseUrl() + "/");
            assertThat(unit.driver.findElement(By.cssSelector("[data-timeline]")).getText()).contains("报告进展")
                    .contains("签收");
            assertThat(actions(unit)).as("the lead unit's actions once signed")
                    .containsExactlyInAnyOrder("preview", "evidence", "complete", "extend");
            overview.driver.get(system.reportService.baseUrl() + "/issues/" + issue);
            assertThat(actions(overview)).as("张三 leads it: he may add an instruction, nothing else")
                    .containsExactly("instruct");
            unit.screenshot("issue-desktop", Browser.DESKTOP);
            unit.screenshot("issue-phone", Browser.PHONE);
            unit.driver.get(system.reportService.baseUrl() + "/inbox");
            unit.screenshot("inbox-desktop", Browser.DESKTOP);
            unit.screenshot("inbox-phone", Browser.PHONE);
        }
    }

    /** An issue titled like markup shows as text everywhere it is listed, and runs nothing. */
    @Test
    @Order(4)
    void shouldShowAHostileTitleAsTextAndRunNothing() {
        String title = "<img src=x onerror=alert(1)>";
        String inspection = inspection("转义测试区" + java.util.UUID.randomUUID());
        String issue = issue(inspection, title);
        try (Browser browser = Browser.open()) {
            signIn(browser, "office");
            browser.driver.get(system.reportService.baseUrl() + "/issues/" + issue);
            assertThat(browser.driver.findElement(By.cssSelector("[data-title]")).getText()).endsWith(title);
            assertThat(browser.driver.findElements(By.cssSelector("img"))).isEmpty();
            assertNoAlert(browser);
            browser.driver.get(system.reportService.baseUrl() + "/issues?inspection=" + inspection);
            assertThat(browser.driver.findElement(By.cssSelector("[data-issue='" + issue + "'] a")).getText())
                    .isEqualTo(title);
            assertThat(browser.driver.findElements(By.cssSelector("img"))).isEmpty();
            assertNoAlert(browser);
            Boolean ran = (Boolean) browser.driver.executeScript("return window.__xss === true;");
            assertThat(ran).isFalse();
        }
    }

    /** Every page of every role, at desktop and phone width, and 大屏 on a wall (for people to look at). */
    @Test
    @Order(5)
    void shouldRenderEveryPageForScreenshots() {
        try (Browser browser = Browser.open()) {
            signIn(browser, "office");
            for (String page : List.of("issues", "review", "imports", "indicators")) {
                browser.driver.get(system.reportService.baseUrl() + "/" + page);
                assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
                browser.screenshot(page + "-desktop", Browser.DESKTOP);
                browser.screenshot(page + "-phone", Browser.PHONE);
            }
            browser.driver.get(system.reportService.baseUrl() + "/");
            browser.screenshot("overview-all-desktop", Browser.DESKTOP);
            browser.driver.get(system.reportService.baseUrl() + "/screen");
            browser.screenshot("screen-all-wall", Browser.WALL);
            signOut(browser);
            signIn(browser, "operator");
            browser.driver.get(system.reportService.baseUrl() + "/ops");
            assertThat(browser.driver.findElement(By.cssSelector("[data-intake]")).getText()).contains("运行中");
            browser.screenshot("ops-desktop", Browser.DESKTOP);
            browser.screenshot("ops-phone", Browser.PHONE);
            browser.driver.get(system.reportService.baseUrl() + "/signin");
            browser.screenshot("signin-desktop", Browser.DESKTOP);
            browser.screenshot("signin-phone", Browser.PHONE);
        }
    }

    /**
     * The office checks a pasted bulletin without importing it (findings in Chinese), and decides on 审核 the
     * completion the unit asked for on its issue page: the issue is closed (销号).
     */
    @Test
    @Order(6)
    void shouldLetTheOfficeCheckABulletinAndCloseWhatAUnitCompleted() throws Exception {
        assertThat(reported).as("test 3 ran").isNotNull();
        try (Browser unit = Browser.open(); Browser office = Browser.open()) {
            signIn(unit, "unit-party");
            unit.driver.get(system.reportService.baseUrl() + "/issues/" + reported);
            unit.driver.findElement(By.cssSelector("textarea[name='note']")).sendKeys("新建项目已完成投资，整改完成。");
            unit.driver.findElement(By.cssSelector("[data-action='complete']")).click();
            new WebDriverWait(unit.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("done=complete"));
            assertThat(unit.driver.findElements(By.cssSelector("[data-action='close']"))).as("a unit never closes")
                    .isEmpty();

            signIn(office, "office");
            office.driver.get(system.reportService.baseUrl() + "/review");
            WebElement request = office.driver.findElement(By.cssSelector("[data-completion='" + reported + "']"));
            request.findElement(By.cssSelector("input[name='note']")).sendKeys("核验属实，同意销号。");
            request.findElement(By.cssSelector("input[name='evidence']")).sendKeys("开发区经发〔2023〕12号");
            office.screenshot("review-request-desktop", Browser.DESKTOP);
            office.driver.findElement(By.cssSelector("[data-completion='" + reported + "'] button[value='CLOSE']"))
                    .click();
            new WebDriverWait(office.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("done=close"));
            given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE).get("/api/issues/" + reported)
                    .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("CLOSED"));

            office.driver.get(system.reportService.baseUrl() + "/imports");
            String text = Files.readString(RunningSystem.root().resolve(
                    "seeds/dongying-edz-rectification-2023-05-10.txt"), StandardCharsets.UTF_8);
            office.driver.executeScript("arguments[0].value = arguments[1];",
                    office.driver.findElement(By.cssSelector("[data-bulletin-text]")), text);
            office.driver.findElement(By.cssSelector("[data-action='check']")).click();
            WebElement report = new WebDriverWait(office.driver, Duration.ofSeconds(60))
                    .until(d -> d.findElement(By.cssSelector("[data-import-report]")));
            assertThat(report.getText()).contains("检查结果（尚未导入）").contains("53 个问题")
                    .contains("通报称16类问题");
            assertThat(office.driver.findElement(By.cssSelector("[data-import-tree]")).getText())
                    .as("the feedback tree the import would record").contains("关于聚焦党中央各项决策部署在基层的落实情况方面");
            office.screenshot("imports-checked-desktop", Browser.DESKTOP);
        }
    }

    static String inspection(String target) {
        return given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE).contentType("application/json")
                .body("""
                        {"team": "市委第五巡察组", "targetUnit": "%s", "kinds": ["ROUTINE"],
                         "onSiteFrom": "2022-06-22", "onSiteTo": "2022-09-30", "feedbackDate": "2022-12-07",
                         "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                           {"numbering": "（一）", "title": "关于高质量发展方面", "categories": [
                             {"numbering": "1.", "title": "项目建设推进不力"}]}]}]}""".formatted(target))
                .post("/api/inspections").then().statusCode(201).extract().path("id");
    }

    static String issue(String inspection, String title) {
        return given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE).contentType("application/json")
                .body(Map.of("inspectionId", inspection, "listKey", "main", "categoryPath", "一/1", "title", title))
                .post("/api/issues").then().statusCode(201).extract().path("id");
    }

    static void assign(String issue, String unit) {
        given().baseUri(system.issueService.baseUrl()).auth().oauth2(OFFICE).contentType("application/json")
                .body(Map.of("items", List.of(Map.of("issueId", issue, "ifMatch", "*", "leadUnit", unit,
                        "leadLeaders", List.of("张三"), "deadline", "2030-06-30"))))
                .post("/api/issues/assignments").then().statusCode(200)
                .body("assigned", org.hamcrest.Matchers.equalTo(1));
    }

    /** investment.completed over all inspections, as the API displays it. */
    static String investmentTotal() {
        return summary().<Map<String, Object>>getList("indicators").stream()
                .filter(i -> "investment.completed".equals(i.get("code")))
                .map(i -> String.valueOf(((Map<?, ?>) i.get("value")).get("display"))).findFirst().orElseThrow();
    }

    /** The total once it differs from {@code before}: the progress report's event was applied. */
    static String investmentTotal(String before) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(WebAppIT::investmentTotal, now -> !now.equals(before));
    }

    /** The actions an issue's page offers. */
    static List<String> actions(Browser browser) {
        return browser.driver.findElements(By.cssSelector("[data-action]")).stream()
                .map(e -> e.getAttribute("data-action")).toList();
    }

    static void signIn(Browser browser, String user) {
        browser.driver.get(system.reportService.baseUrl() + "/signin");
        browser.driver.findElement(By.cssSelector("[data-demo-user='" + user + "']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("[data-user]")).isEmpty());
    }

    static void signOut(Browser browser) {
        browser.driver.get(system.reportService.baseUrl() + "/");
        browser.driver.findElement(By.cssSelector(".who button[type='submit']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/signin"));
    }

    static void pickDate(Browser browser, String date) {
        WebElement input = browser.driver.findElement(By.cssSelector("input[name='asOf']"));
        browser.driver.executeScript("arguments[0].value = arguments[1];", input, date);
        browser.driver.findElement(By.cssSelector(".filters button[type='submit']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("asOf=" + date));
    }

    static String figure(Browser browser, String name) {
        return browser.driver.findElement(By.cssSelector("[data-figure='" + name + "'] .value")).getText();
    }

    static String indicatorTile(Browser browser, String code) {
        return browser.driver.findElement(By.cssSelector("[data-indicator='" + code + "'] .value")).getText();
    }

    static void assertNoAlert(Browser browser) {
        try {
            browser.driver.switchTo().alert();
            throw new AssertionError("a script opened an alert");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    static String qualifier(String code) {
        return switch (code) {
            case "FORECAST" -> "预计";
            case "AT_LEAST" -> "余";
            case "APPROXIMATE" -> "约";
            case "STATED" -> "按通报";
            default -> "";
        };
    }

    static JsonPath summary(String... query) {
        var request = RunningSystem.asOperator(system.reportService.baseUrl());
        for (int i = 0; i + 1 < query.length; i += 2) {
            request.queryParam(query[i], query[i + 1]);
        }
        return request.get("/api/reports/summary").then().statusCode(200).extract().jsonPath();
    }
}
