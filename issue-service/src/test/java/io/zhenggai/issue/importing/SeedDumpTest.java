package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class SeedDumpTest {
    @Test
    void dump() throws Exception {
        String text = Files.readString(Path.of("../seeds/dongying-edz-rectification-2023-05-10.txt"));
        ParseResult r = new BulletinParser().parse(text);
        Files.writeString(Path.of("target/seed-dump.yaml"), LedgerYaml.write(r));
    }
}
