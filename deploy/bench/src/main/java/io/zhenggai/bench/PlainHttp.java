package io.zhenggai.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A latency bench's HTTP/1.1 client: one kept-alive socket, a GET written and its whole response read on the calling
 * thread, nothing parsed but the status line, the headers that frame the body, and the body's bytes. What it times is
 * the service and the loopback, the way {@code curl} does. {@code java.net.http.HttpClient}, the client of the earlier
 * tables, hands each exchange to its selector thread and back and decodes the body into a string: for the remembered
 * summary (about a millisecond) it added 0.2-0.4 ms at the median and 1.8-3.3 ms at p99 in two runs of 1,000
 * requests each (the bench reports that answer through both, side by side). Not thread-safe: one per measuring thread.
 */
final class PlainHttp implements AutoCloseable {

    /** A response: its status and its body's bytes. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttp(URI base, String bearerToken) {
        this.host = base.getHost();
        this.port = base.getPort();
        this.authorization = "Bearer " + bearerToken;
    }

    /** GET {@code pathAndQuery} (already encoded); the connection is opened again when the server closed it. */
    Response get(String pathAndQuery) throws IOException {
        for (int attempt = 0; ; attempt++) {
            if (socket == null) {
                open();
            }
            try {
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                        + "\r\nAccept: application/json\r\nAuthorization: " + authorization + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
                // a kept-alive connection the server closed meanwhile: once more on a new one
            }
        }
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closes = false;
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closes = value.equalsIgnoreCase("close");
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(line()), 16); size > 0;
                 size = Long.parseLong(chunkSize(line()), 16)) {
                copy(size, body);
                line(); // the CRLF after the chunk
            }
            for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                // trailers: none expected, skipped
            }
        } else if (length >= 0) {
            copy(length, body);
        } else {
            throw new IOException("a response without Content-Length or chunked encoding");
        }
        if (closes) {
            close();
        }
        return new Response(status, body.toByteArray());
    }

    private static String chunkSize(String line) throws IOException {
        if (line == null) {
            throw new IOException("the connection ended inside a chunked body");
        }
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the connection ended " + left + " bytes before the body's end");
            }
            body.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A header line without its CRLF; null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = text.length();
                return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
            }
            text.append((char) c);
        }
        return text.isEmpty() ? null : text.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
            socket = null;
        }
    }
}
