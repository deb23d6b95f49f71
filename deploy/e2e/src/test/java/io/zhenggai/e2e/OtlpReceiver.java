package io.zhenggai.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny OTLP/HTTP trace receiver on the loopback (JDK HttpServer): it takes what the services' OTLP exporters send
 * ({@code http/protobuf}, {@code ExportTraceServiceRequest}) and keeps the spans, read with a minimal protobuf
 * reader of the few fields the tests look at (the OTLP protocol's field numbers), so that the test needs no
 * collector and no generated classes.
 */
final class OtlpReceiver implements AutoCloseable {

    /** A span as exported: the service (resource attribute {@code service.name}), ids in hex, kind, attributes. */
    record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, Kind kind,
                        Map<String, String> attributes) {
    }

    /** OTLP's {@code Span.SpanKind}. */
    enum Kind { UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER }

    private final HttpServer server;
    private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                InputStream body = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(body);
                }
                if (exchange.getRequestURI().getPath().endsWith("/v1/traces")) {
                    spans.addAll(read(body.readAllBytes()));
                }
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse: all accepted
            }
        });
        server.start();
    }

    /** What to give {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ExportedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ExportedSpan> spansOf(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest{1: ResourceSpans{1: Resource{1: KeyValue}, 2: ScopeSpans{2: Span}}}
    static List<ExportedSpan> read(byte[] request) {
        List<ExportedSpan> read = new ArrayList<>();
        for (byte[] resourceSpans : messages(fields(request), 1)) {
            Map<Integer, List<Object>> resourceFields = fields(resourceSpans);
            String service = null;
            for (byte[] resource : messages(resourceFields, 1)) {
                service = attributes(fields(resource), 1).get("service.name");
            }
            for (byte[] scopeSpans : messages(resourceFields, 2)) {
                for (byte[] span : messages(fields(scopeSpans), 2)) {
                    Map<Integer, List<Object>> f = fields(span);
                    read.add(new ExportedSpan(service, hex(f, 1), hex(f, 2), hex(f, 4), text(f, 5),
                            Kind.values()[(int) (long) (Long) f.getOrDefault(6, List.of(0L)).get(0)],
                            attributes(f, 9)));
                }
            }
        }
        return read;
    }

    // KeyValue{1: key, 2: AnyValue{1: string, 2: bool, 3: int64}}
    private static Map<String, String> attributes(Map<Integer, List<Object>> message, int field) {
        Map<String, String> attributes = new HashMap<>();
        for (byte[] keyValue : messages(message, field)) {
            Map<Integer, List<Object>> kv = fields(keyValue);
            for (byte[] any : messages(kv, 2)) {
                Map<Integer, List<Object>> value = fields(any);
                if (value.containsKey(1)) {
                    attributes.put(text(kv, 1), text(value, 1));
                } else if (value.containsKey(3)) {
                    attributes.put(text(kv, 1), String.valueOf(value.get(3).get(0)));
                } else if (value.containsKey(2)) {
                    attributes.put(text(kv, 1), String.valueOf((Long) value.get(2).get(0) != 0));
                }
            }
        }
        return attributes;
    }

    private static List<byte[]> messages(Map<Integer, List<Object>> message, int field) {
        return message.getOrDefault(field, List.of()).stream().map(byte[].class::cast).toList();
    }

    private static String text(Map<Integer, List<Object>> message, int field) {
        List<Object> values = message.get(field);
        return values == null ? "" : new String((byte[]) values.get(0), StandardCharsets.UTF_8);
    }

    private static String hex(Map<Integer, List<Object>> message, int field) {
        List<Object> values = message.get(field);
        return values == null ? "" : HexFormat.of().formatHex((byte[]) values.get(0));
    }

    /** The fields of one protobuf message: varints and fixed numbers as Long, length-delimited ones as bytes. */
    private static Map<Integer, List<Object>> fields(byte[] message) {
        Map<Integer, List<Object>> fields = new HashMap<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int field = (int) (tag >>> 3);
            Object value = switch ((int) (tag & 7)) {
                case 0 -> varint(message, at);
                case 1 -> fixed(message, at, 8);
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = java.util.Arrays.copyOfRange(message, at[0], at[0] + length);
                    at[0] += length;
                    yield bytes;
                }
                case 5 -> fixed(message, at, 4);
                default -> throw new IllegalArgumentException("wire type " + (tag & 7) + " in an OTLP message");
            };
            fields.computeIfAbsent(field, key -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static long varint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static long fixed(byte[] bytes, int[] at, int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (bytes[at[0]++] & 0xff) << (8 * i);
        }
        return value;
    }
}
