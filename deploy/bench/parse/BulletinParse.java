import io.zhenggai.issue.importing.BulletinParser;
import io.zhenggai.issue.importing.NotABulletinException;
import io.zhenggai.issue.importing.ParseResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parse time per bulletin of the importer's corpus (run by deploy/bench/bulletin-parse; see deploy/bench/README.md).
 *
 * <p>For each bulletin it times {@link BulletinParser#parse(String)} and, as the baseline measured in the same run on
 * the same text, a plain split of the text into lines and of each line into sentences (at 。！？；): the least any
 * reader of the text must do. Each run times every bulletin once, parse and baseline in turn, after a warm-up of the
 * same; a bulletin's time is its median over the runs. The report gives, per bulletin and for the corpus (median and
 * max over the bulletins), the parse time, the baseline and their ratio. A text the parser refuses is timed as
 * refused (a refusal also reads the whole text).
 */
public final class BulletinParse {

    record Text(String name, String text) {
    }

    record Timing(Text text, String outcome, double parseMs, double baselineMs) {
        double ratio() {
            return parseMs / baselineMs;
        }
    }

    static long sink;

    public static void main(String[] args) throws IOException {
        Path root = Path.of(".");
        int runs = 30;
        int warmup = 15;
        List<Path> folders = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--root=")) {
                root = Path.of(arg.substring(7));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--corpus=")) {
                folders.add(Path.of(arg.substring(9)));
            } else {
                System.err.println("usage: bulletin-parse [--runs=30] [--warmup=15] [--corpus=DIR …]");
                System.exit(2);
            }
        }
        if (folders.isEmpty()) {
            folders.add(root.resolve("issue-service/src/test/resources/bulletins"));
            folders.add(root.resolve("issue-service/src/test/resources/bulletins-refused"));
            folders.add(root.resolve("seeds"));
        }
        List<Text> corpus = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                    corpus.add(new Text(folder.getFileName() + "/" + file.getFileName(),
                            Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
        }
        BulletinParser parser = new BulletinParser();
        System.out.printf("%d texts, %d warm-up rounds, %d measured runs%n", corpus.size(), warmup, runs);
        for (int w = 0; w < warmup; w++) {
            for (Text t : corpus) {
                parse(parser, t.text());
                sink += split(t.text());
            }
        }
        double[][] parse = new double[corpus.size()][runs];
        double[][] baseline = new double[corpus.size()][runs];
        String[] outcomes = new String[corpus.size()];
        for (int r = 0; r < runs; r++) {
            for (int i = 0; i < corpus.size(); i++) {
                String text = corpus.get(i).text();
                long start = System.nanoTime();
                outcomes[i] = parse(parser, text);
                long parsed = System.nanoTime();
                sink += split(text);
                long split = System.nanoTime();
                parse[i][r] = (parsed - start) / 1e6;
                baseline[i][r] = (split - parsed) / 1e6;
            }
        }
        List<Timing> timings = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            timings.add(new Timing(corpus.get(i), outcomes[i], median(parse[i]), median(baseline[i])));
        }
        System.out.printf("%n%-52s %8s  %-24s %10s %12s %9s%n", "bulletin", "chars", "outcome", "parse ms",
                "baseline ms", "ratio");
        for (Timing t : timings) {
            System.out.printf("%-52s %8d  %-24s %10.2f %12.4f %9.0f%n", t.text().name(), t.text().text().length(),
                    t.outcome(), t.parseMs(), t.baselineMs(), t.ratio());
        }
        double[] parseMs = timings.stream().mapToDouble(Timing::parseMs).toArray();
        double[] baselineMs = timings.stream().mapToDouble(Timing::baselineMs).toArray();
        double[] ratios = timings.stream().mapToDouble(Timing::ratio).toArray();
        long chars = corpus.stream().mapToLong(t -> t.text().length()).sum();
        double totalParse = Arrays.stream(parseMs).sum();
        System.out.printf("%nparse time per bulletin: median %.2f ms, max %.2f ms (%s)%n", median(parseMs),
                Arrays.stream(parseMs).max().orElse(0),
                timings.stream().max((a, b) -> Double.compare(a.parseMs(), b.parseMs())).map(t -> t.text().name())
                        .orElse("-"));
        System.out.printf("baseline (split into lines and sentences): median %.4f ms, max %.4f ms%n",
                median(baselineMs), Arrays.stream(baselineMs).max().orElse(0));
        System.out.printf("ratio parse / baseline per bulletin: median %.0f, max %.0f%n", median(ratios),
                Arrays.stream(ratios).max().orElse(0));
        System.out.printf("throughput over the corpus: %.0f characters per ms (%d characters in %.1f ms)%n",
                chars / totalParse, chars, totalParse);
        System.out.printf("(checksum %d)%n", sink);
    }

    private static String parse(BulletinParser parser, String text) {
        try {
            ParseResult result = parser.parse(text);
            sink += result.readingCount();
            return result.issueCount() + " issues, " + result.findings().size() + " findings";
        } catch (NotABulletinException refused) {
            return "refused " + refused.reason();
        }
    }

    /** The baseline: split into lines, and each line into sentences at 。！？；, counting them. */
    static long split(String text) {
        long sentences = 0;
        for (String line : text.split("\\R")) {
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '。' || c == '！' || c == '？' || c == '；') {
                    sentences += i - start > 0 ? 1 : 0;
                    start = i + 1;
                }
            }
            sentences += line.length() - start > 0 ? 1 : 0;
        }
        return sentences;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
