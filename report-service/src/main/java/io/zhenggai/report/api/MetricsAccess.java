package io.zhenggai.report.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The networks that may read {@code /q/metrics} ({@code zhenggai.metrics.allowed-networks}): CIDR blocks such as
 * {@code 127.0.0.0/8}, {@code ::1/128} or {@code 10.0.0.0/8}, matched against the caller's literal address. Pure: no
 * name is ever looked up, and an IPv4 address written as IPv6 ({@code ::ffff:127.0.0.1}) is matched as IPv4.
 */
public final class MetricsAccess {

    /** IP literals only: digits, hex, dots and colons (an address that needs a DNS lookup is no address here). */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    private final List<Network> networks;

    private MetricsAccess(List<Network> networks) {
        this.networks = networks;
    }

    /**
     * Parses comma-separated CIDR blocks; a bare address is a block of one. Blank allows nobody.
     *
     * @throws IllegalArgumentException naming the first entry that is not a CIDR block
     */
    public static MetricsAccess parse(String cidrs) {
        List<Network> networks = new ArrayList<>();
        if (cidrs != null) {
            for (String entry : cidrs.split(",")) {
                if (!entry.isBlank()) {
                    networks.add(Network.parse(entry.strip()));
                }
            }
        }
        return new MetricsAccess(List.copyOf(networks));
    }

    /** Whether {@code address} (an IPv4 or IPv6 literal, IPv6 possibly in brackets or with a zone) is allowed. */
    public boolean allows(String address) {
        byte[] bytes = bytes(address);
        return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
    }

    @Override
    public String toString() {
        return networks.toString();
    }

    private static byte[] bytes(String address) {
        if (address == null) {
            return null;
        }
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.isEmpty() || !LITERAL.matcher(literal).matches()
                || literal.indexOf(':') < 0 && !isDottedQuad(literal)) {
            return null;
        }
        try {
            // a literal is parsed, never looked up; ::ffff:a.b.c.d comes back as an Inet4Address
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isDottedQuad(String literal) {
        String[] parts = literal.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private record Network(String text, byte[] prefix, int bits) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            byte[] address = bytes(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not a CIDR block: '" + cidr + "'");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                String length = cidr.substring(slash + 1);
                if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)
                        || Integer.parseInt(length) > address.length * 8) {
                    throw new IllegalArgumentException("not a CIDR block: '" + cidr + "' (prefix length 0 to "
                            + address.length * 8 + ")");
                }
                bits = Integer.parseInt(length);
            }
            return new Network(cidr, address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
