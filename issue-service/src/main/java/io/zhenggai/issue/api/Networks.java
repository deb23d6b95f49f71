package io.zhenggai.issue.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of IP networks in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}, {@code 10.1.2.3}) and whether an
 * address lies in one of them. Only literal addresses are read, never a host name: nothing here looks anything up.
 * An IPv4 address written as IPv6 ({@code ::ffff:127.0.0.1}) is the IPv4 address.
 */
public final class Networks {

    private record Network(byte[] prefix, int bits) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    private final List<Network> networks;

    private Networks(List<Network> networks) {
        this.networks = List.copyOf(networks);
    }

    /**
     * @param cidrs networks such as {@code 127.0.0.0/8} or {@code ::1/128}; a bare address is a network of one
     * @throws IllegalArgumentException for anything that is not a literal address with a fitting prefix length
     */
    public static Networks parse(List<String> cidrs) {
        List<Network> networks = new ArrayList<>();
        for (String cidr : cidrs) {
            String text = cidr.strip();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address: " + text);
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a prefix length: " + text);
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("prefix length out of range: " + text);
                }
            }
            networks.add(new Network(address, bits));
        }
        return new Networks(networks);
    }

    public static Networks parse(String commaSeparated) {
        return parse(Arrays.asList(commaSeparated.split(",")));
    }

    /** Whether {@code address} (a literal IPv4 or IPv6 address) is in one of the networks; false for anything else. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : literal(address);
        return bytes != null && networks.stream().anyMatch(n -> n.contains(bytes));
    }

    /** The bytes of a literal address, or null if {@code text} is not one (a host name is never resolved). */
    static byte[] literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty()) {
            return null;
        }
        if (candidate.indexOf(':') < 0) {
            return ipv4(candidate);
        }
        int zone = candidate.indexOf('%');
        if (zone >= 0) {
            candidate = candidate.substring(0, zone);
        }
        if (!candidate.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            // a literal with a colon is parsed, never looked up; ::ffff:a.b.c.d comes back as the IPv4 address
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
