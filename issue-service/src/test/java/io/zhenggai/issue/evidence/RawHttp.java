package io.zhenggai.issue.evidence;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for uploads whose exact shape matters: a body streamed from an {@link InputStream}
 * with a declared length or chunked, {@code Expect: 100-continue} honoured to the letter, and an answer read while
 * the body is still being sent (as a server that refuses at its limit answers). It tells how many body bytes went
 * out and whether the server asked for the body.
 */
final class RawHttp {

    /** What came back: the final status, its headers (lower-case names), its body, and what was sent. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean continued, long sent,
                  boolean saysClose) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends a request.
     *
     * @param length the body's declared length, or -1 to send it chunked
     */
    static Answer send(URI root, String method, String path, Map<String, String> headers, InputStream body,
                       long length, boolean expectContinue) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + root.getHost() + ":"
                    + root.getPort() + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append(length < 0 ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n");
            }
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            boolean continued = false;
            Head response;
            if (expectContinue) {
                response = readHead(in);
                if (response.status == 100) {
                    continued = true;
                    response = null;
                }
            } else {
                response = null;
            }
            AtomicLong sent = new AtomicLong();
            Thread writer = null;
            if (body != null && (!expectContinue || continued)) {
                writer = new Thread(() -> write(out, body, length < 0, sent), "raw-http-body");
                writer.setDaemon(true);
                writer.start();
            }
            if (response == null) {
                response = readHead(in);
            }
            byte[] content = readBody(in, response.headers);
            boolean saysClose = "close".equalsIgnoreCase(response.headers.get("connection"));
            socket.close();
            if (writer != null) {
                try {
                    writer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Answer(response.status, response.headers, content, continued, sent.get(), saysClose);
        }
    }

    private static void write(OutputStream out, InputStream body, boolean chunked, AtomicLong sent) {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n; (n = body.read(buffer)) != -1; ) {
                if (n == 0) {
                    continue;
                }
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(buffer, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                sent.addAndGet(n);
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException stoppedByTheServer) {
            // the server answered and closed before the whole body was sent: what the caller wants to see
        }
    }

    private record Head(int status, Map<String, String> headers) {
    }

    private static Head readHead(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the server closed the connection without an answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; (line = line(in)) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Head(status, headers);
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size; (size = line(in)) != null; ) {
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        }
        return body.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1; ) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
