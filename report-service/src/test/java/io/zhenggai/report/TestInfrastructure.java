package io.zhenggai.report;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.zhenggai.local.test.JwtTestResource;
import io.zhenggai.local.test.KafkaTestResource;
import io.zhenggai.local.test.PostgresTestResource;

/**
 * Real PostgreSQL, a real KRaft broker and a key pair the service verifies bearer tokens with, for every
 * {@code @QuarkusTest} of this module.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "reports"))
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
