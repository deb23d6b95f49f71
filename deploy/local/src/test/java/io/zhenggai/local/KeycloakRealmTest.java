package io.zhenggai.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Keycloak realm we ship ({@code deploy/keycloak/zhenggai-realm.json}) issues the tokens both services verify:
 * the roles are client roles of the {@code zhenggai} client mapped into {@code groups}, the {@code units} attribute
 * is a multivalued claim, the audience is {@code zhenggai}, and the same claims the local key pair signs. Keycloak
 * itself is exercised by hand with {@code deploy/keycloak/try}.
 */
class KeycloakRealmTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRealmDefinesEveryRoleAsAClientRoleOfTheAudienceClient() throws IOException {
        JsonNode realm = realm();
        List<String> roles = names(realm.path("roles").path("client").path(JwtKeys.AUDIENCE));
        List<String> expected = new ArrayList<>(JwtKeys.ROLES);
        expected.add(JwtKeys.JOURNAL_READER);
        assertThat(roles).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(client(realm, JwtKeys.AUDIENCE).path("publicClient").asBoolean()).isTrue();
        assertThat(client(realm, JwtKeys.AUDIENCE).path("directAccessGrantsEnabled").asBoolean())
                .as("no password grant: users sign in through the browser").isFalse();
    }

    /**
     * report-service's web app signs users in with the authorization-code flow and PKCE (S256) as this public client,
     * and gets them back at {@code /signin/callback} (the local run's address; production adds its own).
     */
    @Test
    void theUsersClientLetsTheWebAppSignInWithTheCodeFlowAndPkce() throws IOException {
        JsonNode client = client(realm(), JwtKeys.AUDIENCE);
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        List<String> redirects = new ArrayList<>();
        client.path("redirectUris").forEach(uri -> redirects.add(uri.asText()));
        assertThat(redirects).anySatisfy(uri -> assertThat("http://localhost:8090/signin/callback")
                .startsWith(uri.replace("*", "")));
        assertThat(redirects).anySatisfy(uri -> assertThat("http://127.0.0.1:8090/signin/callback")
                .startsWith(uri.replace("*", "")));
    }

    @Test
    void tokensOfTheUsersClientCarryTheClaimsTheServicesRead() throws IOException {
        JsonNode mappers = client(realm(), JwtKeys.AUDIENCE).path("protocolMappers");
        JsonNode groups = mapper(mappers, "oidc-usermodel-client-role-mapper");
        assertThat(groups.path("usermodel.clientRoleMapping.clientId").asText()).isEqualTo(JwtKeys.AUDIENCE);
        assertThat(groups.path("claim.name").asText()).isEqualTo("groups");
        assertThat(groups.path("multivalued").asText()).isEqualTo("true");
        assertThat(groups.path("usermodel.clientRoleMapping.rolePrefix").asText("")).isEmpty();
        JsonNode units = mapper(mappers, "oidc-usermodel-attribute-mapper");
        assertThat(units.path("user.attribute").asText()).isEqualTo("units");
        assertThat(units.path("claim.name").asText()).isEqualTo("units");
        assertThat(units.path("multivalued").asText()).isEqualTo("true");
        assertThat(mapper(mappers, "oidc-audience-mapper").path("included.client.audience").asText())
                .isEqualTo(JwtKeys.AUDIENCE);
        assertThat(mapper(mappers, "oidc-full-name-mapper").path("access.token.claim").asText()).isEqualTo("true");
        for (JsonNode mapper : mappers) {
            assertThat(mapper.path("config").path("access.token.claim").asText())
                    .as("services read the access token: %s", mapper.path("name").asText()).isEqualTo("true");
        }
    }

    @Test
    void theUnitsAttributeIsDeclaredMultivaluedAndOnlyAdministratorsEditIt() throws IOException {
        JsonNode provider = realm().path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0);
        JsonNode profile = JSON.readTree(provider.path("config").path("kc.user.profile.config").get(0).asText());
        JsonNode units = StreamSupport.stream(profile.path("attributes").spliterator(), false)
                .filter(a -> a.path("name").asText().equals("units")).findFirst().orElseThrow();
        assertThat(units.path("multivalued").asBoolean()).isTrue();
        assertThat(names(units.path("permissions").path("edit"))).containsExactly("admin");
    }

    @Test
    void reportServiceHasAServiceIdentityThatMayOnlyReadTheJournalAndNoInlinedSecret() throws IOException {
        JsonNode realm = realm();
        JsonNode client = client(realm, "report-service");
        assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(client.has("secret")).as("Keycloak generates the secret; none is committed").isFalse();
        assertThat(client.path("fullScopeAllowed").asBoolean()).isFalse();
        JsonNode account = StreamSupport.stream(realm.path("users").spliterator(), false)
                .filter(u -> u.path("serviceAccountClientId").asText().equals("report-service")).findFirst()
                .orElseThrow();
        assertThat(names(account.path("clientRoles").path(JwtKeys.AUDIENCE))).containsExactly(JwtKeys.JOURNAL_READER);
        assertThat(mapper(client.path("protocolMappers"), "oidc-audience-mapper").path("included.client.audience")
                .asText()).isEqualTo(JwtKeys.AUDIENCE);
        assertThat(realm.toString()).doesNotContainIgnoringCase("\"password\"");
    }

    @Test
    void theLocalKeyPairSignsTheSameClaimsForTheSameAudience(@TempDir Path keys) throws IOException {
        String token = JwtKeys.loadOrCreate(keys).token("u-1", "李四", List.of("unit"), List.of("党政办公室", "财政局"),
                Duration.ofMinutes(5));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims.path("aud").asText()).isEqualTo(JwtKeys.AUDIENCE);
        assertThat(names(claims.path("groups"))).containsExactly("unit");
        assertThat(names(claims.path("units"))).containsExactly("党政办公室", "财政局");
        assertThat(claims.path("name").asText()).isEqualTo("李四");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
    }

    @Test
    void everyDescriptionFitsKeycloaksColumns() throws IOException {
        // Keycloak stores descriptions in VARCHAR(255): a longer one fails the whole import
        List<String> tooLong = new ArrayList<>();
        realm().findValues("description").forEach(d -> {
            if (d.asText().length() > 255) {
                tooLong.add(d.asText());
            }
        });
        assertThat(tooLong).isEmpty();
    }

    private static JsonNode realm() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("deploy/keycloak"))) {
            dir = dir.getParent();
        }
        return JSON.readTree(dir.resolve("deploy/keycloak/zhenggai-realm.json").toFile());
    }

    private static JsonNode client(JsonNode realm, String clientId) {
        return StreamSupport.stream(realm.path("clients").spliterator(), false)
                .filter(c -> c.path("clientId").asText().equals(clientId)).findFirst().orElseThrow();
    }

    private static JsonNode mapper(JsonNode mappers, String kind) {
        return StreamSupport.stream(mappers.spliterator(), false)
                .filter(m -> m.path("protocolMapper").asText().equals(kind)).findFirst().orElseThrow().path("config");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.isTextual() ? n.asText() : n.path("name").asText()));
        return names;
    }
}
