package io.zhenggai.e2e;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zhenggai.local.JavaProcesses;
import io.zhenggai.local.ServiceProcess;

/**
 * A class-data archive (dynamic AppCDS) per service build, shared by every service process of the run: the suite
 * starts about 26 of them, each loading some 15,000 classes from the packaged jars. The first start of a build is
 * started with {@code -XX:+RecordDynamicDumpInfo}; once it is healthy, {@code jcmd <pid> VM.cds dynamic_dump} writes
 * its loaded classes to a file that is then moved into place, and every later start of that build, in either failsafe
 * fork, loads them from it ({@code -XX:SharedArchiveFile}). The process that wrote it runs on unchanged (it may be
 * SIGKILLed later like any other); no start waits for the archive, a start before it exists runs without. An archive
 * changes how fast classes are loaded, never which ones or what the service does; a JVM that cannot use it (another
 * JDK, a changed jar) ignores it. {@code -Dzhenggai.e2e.class-data-sharing=false} turns it off.
 */
final class ClassDataArchive {

    /** Shared by the forks (their working directory is the module's): target/cds, beside target/fork-<n>. */
    private static final Path DIRECTORY = Path.of("target", "cds").toAbsolutePath();

    private ClassDataArchive() {
    }

    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty("zhenggai.e2e.class-data-sharing", "true").strip());
    }

    /** Starts the service with the archive of its build when there is one, or as the one that writes it. */
    static ServiceProcess start(ServiceProcess service, String module, Path jar) {
        if (!enabled()) {
            return service.start();
        }
        Path archive;
        Path claim;
        try {
            Files.createDirectories(DIRECTORY);
            String build = module + "-" + Files.getLastModifiedTime(jar).toMillis();
            archive = DIRECTORY.resolve(build + ".jsa");
            claim = DIRECTORY.resolve(build + ".writing");
            if (Files.isRegularFile(archive)) {
                return service.withJvmOptions(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off")).start();
            }
            Files.createFile(claim); // atomic: one process of one fork writes the archive of a build
        } catch (FileAlreadyExistsException beingWritten) {
            return service.start();
        } catch (IOException e) {
            return service.start(); // a faster start is not worth failing a test for
        }
        service.withJvmOptions(List.of("-XX:+RecordDynamicDumpInfo")).start();
        Thread writer = new Thread(() -> write(service, archive, claim), "cds-" + module);
        writer.setDaemon(true);
        writer.start();
        return service;
    }

    private static void write(ServiceProcess service, Path archive, Path claim) {
        Path written = archive.resolveSibling(archive.getFileName() + ".part");
        try {
            service.awaitHealthy(Duration.ofMinutes(3));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(JavaProcesses.javaBinary()).resolveSibling("jcmd").toString(),
                    Long.toString(service.pid()), "VM.cds", "dynamic_dump", written.toString()));
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(DIRECTORY.resolve(archive.getFileName() + ".jcmd.log").toFile()).start();
            if (jcmd.waitFor(3, TimeUnit.MINUTES) && jcmd.exitValue() == 0 && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            jcmd.destroyForcibly();
        } catch (IOException | RuntimeException e) {
            // killed or stopped before it was healthy, or no jcmd: a later start may write it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(written);
            Files.deleteIfExists(claim);
        } catch (IOException ignored) {
            // the next start of this build runs without an archive
        }
    }
}
