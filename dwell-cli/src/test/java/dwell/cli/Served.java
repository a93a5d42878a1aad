package dwell.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** `./dwell serve CASE --port 0` running for a test, and plain HTTP/1.1 requests to it with any headers (Host too). */
final class Served implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Serving .* at (http://[0-9.]+:(\\d+)/\\?token=([A-Za-z0-9_-]+))");

    /** One response: status, headers (names lower case; a repeated header's values joined by newlines) and body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    final Process process;
    final String url;
    final int port;
    final String token;
    final Path err;

    Served(Path caseFile, String analyst, String... more) throws IOException {
        err = Files.createTempFile("dwell-serve", ".err");
        List<String> cmd = new ArrayList<>(List.of(Dwell.root().resolve("dwell").toString(), "serve", caseFile.toString(), "--port", "0",
                "--analyst", analyst));
        cmd.addAll(List.of(more));
        process = new ProcessBuilder(cmd).directory(Dwell.root().toFile()).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) throw new IllegalStateException("dwell serve printed nothing: " + Files.readString(err));
        Matcher m = SERVING.matcher(line);
        if (!m.find()) throw new IllegalStateException("unexpected first line: " + line);
        url = m.group(1);
        port = Integer.parseInt(m.group(2));
        token = m.group(3);
    }

    /** The address of {@code path} on the server, e.g. {@code /findings}. */
    String at(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A GET with the token as a Bearer header. */
    Response get(String path) throws IOException {
        return request("GET", path, Map.of("Authorization", "Bearer " + token), null);
    }

    /** A request with exactly these headers (and Host 127.0.0.1:PORT unless given). */
    Response request(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", "127.0.0.1:" + port);
            h.putAll(headers);
            h.put("Connection", "close");
            if (body != null) h.put("Content-Length", Integer.toString(payload.length));
            h.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            req.append("\r\n");
            OutputStream o = s.getOutputStream();
            o.write(req.toString().getBytes(StandardCharsets.UTF_8));
            o.write(payload);
            o.flush();
            return parse(s.getInputStream());
        }
    }

    private static Response parse(InputStream in) throws IOException {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int split = all.indexOf("\r\n\r\n");
        String[] head = all.substring(0, split).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int c = head[i].indexOf(':');
            headers.merge(head[i].substring(0, c).trim().toLowerCase(Locale.ROOT), head[i].substring(c + 1).trim(), (a, b) -> a + "\n" + b);
        }
        String body = all.substring(split + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) body = dechunk(body);
        return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) return out.toString();
            // sizes count bytes: cut the chunk from the bytes, not the characters
            byte[] rest = body.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            at = eol + 2 + chunk.length() + 2;
        }
    }

    /** Stops the server as Ctrl-C would (its shutdown hook closes the case). */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
