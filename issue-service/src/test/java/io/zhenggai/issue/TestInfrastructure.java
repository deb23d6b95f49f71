package io.zhenggai.issue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.zhenggai.local.test.JwtTestResource;
import io.zhenggai.local.test.KafkaTestResource;
import io.zhenggai.local.test.PostgresTestResource;
import io.zhenggai.issue.supervision.WebhookReceiver;

/**
 * Real PostgreSQL and a real KRaft broker for every {@code @QuarkusTest} of this module, and a webhook receiver on the
 * loopback that the configured webhooks point at.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "database", value = "issues"))
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = WebhookReceiver.class, scope = TestResourceScope.GLOBAL)
public final class TestInfrastructure {

    private TestInfrastructure() {
    }
}
