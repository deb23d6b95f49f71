package io.zhenggai.issue.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworksTest {

    static final Networks LOOPBACK = Networks.parse("127.0.0.0/8,::1/128");

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, true", "127.255.255.254, true", "128.0.0.1, false", "126.255.255.255, false",
            "::1, true", "0:0:0:0:0:0:0:1, true", "[::1], true", "::2, false", "::ffff:127.0.0.1, true",
            "10.0.0.1, false", "fe80::1%eth0, false"})
    void shouldMatchTheLoopback(String address, boolean expected) {
        assertThat(LOOPBACK.contains(address)).isEqualTo(expected);
    }

    @Test
    void shouldMatchPrefixesThatAreNotWholeBytes() {
        Networks networks = Networks.parse(List.of("10.1.16.0/20", "2001:db8::/33", "192.168.1.7"));
        assertThat(networks.contains("10.1.16.0")).isTrue();
        assertThat(networks.contains("10.1.31.255")).isTrue();
        assertThat(networks.contains("10.1.32.0")).isFalse();
        assertThat(networks.contains("10.1.15.255")).isFalse();
        assertThat(networks.contains("2001:db8:7fff::1")).isTrue();
        assertThat(networks.contains("2001:db8:8000::1")).isFalse();
        assertThat(networks.contains("192.168.1.7")).isTrue();
        assertThat(networks.contains("192.168.1.8")).isFalse();
        assertThat(Networks.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(Networks.parse("0.0.0.0/0").contains("::1")).as("IPv4 networks hold no IPv6 address").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "", "1.2.3", "1.2.3.256", "01234.1.1.1", "1.2.3.4.5", "::g",
            "not an address"})
    void shouldNeverResolveOrAcceptANonLiteral(String address) {
        assertThat(LOOPBACK.contains(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.0/33", "::1/129", "127.0.0.0/-1", "127.0.0.0/x", "localhost/8", "10.0.0/8"})
    void shouldRefuseAMalformedNetwork(String cidr) {
        assertThatThrownBy(() -> Networks.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldContainNothingWhenEmpty() {
        assertThat(Networks.parse(" , ").contains("127.0.0.1")).isFalse();
        assertThat(LOOPBACK.contains(null)).isFalse();
    }
}
