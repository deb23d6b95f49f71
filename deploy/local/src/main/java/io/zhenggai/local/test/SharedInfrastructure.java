package io.zhenggai.local.test;

import java.nio.file.Path;

import io.zhenggai.local.InJvmKafka;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.Topics;

/**
 * One broker and one database server per test JVM, started on first use and stopped when the JVM ends: Quarkus
 * restarts the application between test profiles, and restarting the infrastructure each time would cost seconds.
 */
public final class SharedInfrastructure {

    private static PostgresServer postgres;
    private static InJvmKafka kafka;

    private SharedInfrastructure() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.start(Path.of("target", "embedded-postgres").toAbsolutePath(), 0, true);
            PostgresServer started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static synchronized InJvmKafka kafka() {
        if (kafka == null) {
            kafka = InJvmKafka.start(Path.of("target", "embedded-kafka").toAbsolutePath(), Topics.DEFAULT_PARTITIONS);
            InJvmKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
        }
        return kafka;
    }
}
