package io.zhenggai.report;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * Checks the figures of {@code seed-figures.json} against a running report-service: on scripted seed-like events now,
 * and on the seed imported through issue-service once the importer lands (the same file, the same checks).
 */
public final class SeedFigures {

    private SeedFigures() {
    }

    public static List<JsonNode> expected() {
        try (InputStream in = SeedFigures.class.getResourceAsStream("/seed-figures.json")) {
            List<JsonNode> figures = new ArrayList<>();
            new ObjectMapper().readTree(in).path("figures").forEach(figures::add);
            return figures;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every expected figure, asked for {@code inspection} only (null: the whole ledger). */
    public static void check(RequestSpecification service, UUID inspection) {
        for (JsonNode figure : expected()) {
            String code = figure.path("indicator").asText();
            RequestSpecification request = given().spec(service);
            if (figure.hasNonNull("by")) {
                request.queryParam("by", figure.get("by").asText());
            }
            if (inspection != null) {
                request.queryParam("inspection", inspection.toString());
            }
            JsonPath answer = request.get("/api/indicators/" + code + "/values").then()
                    .statusCode(200).extract().jsonPath()
                    .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
            Map<String, Object> value;
            if (figure.hasNonNull("by")) {
                List<Map<String, Object>> groups = answer.getList("groups");
                value = groups.stream().filter(g -> figure.get("key").asText().equals(g.get("key")))
                        .map(g -> castMap(g.get("value"))).findFirst().orElse(null);
                assertThat(value).as("%s by %s: group %s in %s", code, figure.get("by").asText(),
                        figure.get("key").asText(), groups).isNotNull();
            } else {
                value = answer.getMap("value");
            }
            String what = code + (figure.hasNonNull("by") ? " [" + figure.get("key").asText() + "]" : "");
            assertThat(value.get("display")).as(what + " display; whole answer " + value)
                    .isEqualTo(figure.get("display").asText());
            for (String field : List.of("unit", "qualifier", "basis")) {
                if (figure.hasNonNull(field)) {
                    assertThat(value.get(field)).as(what + " " + field).isEqualTo(figure.get(field).asText());
                }
            }
            for (String field : List.of("value", "numerator", "denominator")) {
                if (figure.hasNonNull(field)) {
                    assertThat(new BigDecimal(String.valueOf(value.get(field)))).as(what + " " + field)
                            .isEqualByComparingTo(figure.get(field).asText());
                }
            }
            if (figure.hasNonNull("facts")) {
                assertThat(value.get("facts")).as(what + " facts").isEqualTo(figure.get("facts").asInt());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
