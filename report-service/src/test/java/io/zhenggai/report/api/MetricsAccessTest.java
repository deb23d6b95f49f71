package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    private final MetricsAccess loopback = MetricsAccess.parse("127.0.0.0/8,::1/128");

    @Test
    void shouldAllowTheLoopbackByDefault() {
        assertThat(loopback.allows("127.0.0.1")).isTrue();
        assertThat(loopback.allows("127.255.3.4")).isTrue();
        assertThat(loopback.allows("::1")).isTrue();
        assertThat(loopback.allows("[::1]")).isTrue();
        assertThat(loopback.allows("0:0:0:0:0:0:0:1")).isTrue();
        // IPv4 as IPv6 (a dual-stack socket) is IPv4
        assertThat(loopback.allows("::ffff:127.0.0.1")).isTrue();
    }

    @Test
    void shouldRefuseEverythingElse() {
        assertThat(loopback.allows("128.0.0.1")).isFalse();
        assertThat(loopback.allows("10.0.0.1")).isFalse();
        assertThat(loopback.allows("::2")).isFalse();
        assertThat(loopback.allows("::ffff:10.0.0.1")).isFalse();
        assertThat(loopback.allows("fe80::1%eth0")).isFalse();
        assertThat(loopback.allows(null)).isFalse();
        assertThat(loopback.allows("")).isFalse();
        // names are never looked up, and only a full dotted quad is an IPv4 address
        assertThat(loopback.allows("localhost")).isFalse();
        assertThat(loopback.allows("127.0.0.1.example")).isFalse();
        assertThat(loopback.allows("127.1")).isFalse();
        assertThat(loopback.allows("127.0.0.256")).isFalse();
    }

    @Test
    void shouldMatchPrefixesThatEndInsideAByte() {
        MetricsAccess access = MetricsAccess.parse(" 10.1.2.128/25 , 2001:db8::/33, 192.0.2.7 ");
        assertThat(access.allows("10.1.2.128")).isTrue();
        assertThat(access.allows("10.1.2.255")).isTrue();
        assertThat(access.allows("10.1.2.127")).isFalse();
        assertThat(access.allows("2001:db8:7fff::1")).isTrue();
        assertThat(access.allows("2001:db8:8000::1")).isFalse();
        assertThat(access.allows("192.0.2.7")).isTrue();
        assertThat(access.allows("192.0.2.8")).isFalse();
    }

    @Test
    void shouldAllowEveryoneOnlyWhenToldSoAndNobodyWhenEmpty() {
        assertThat(MetricsAccess.parse("0.0.0.0/0,::/0").allows("203.0.113.9")).isTrue();
        assertThat(MetricsAccess.parse("0.0.0.0/0,::/0").allows("2001:db8::9")).isTrue();
        assertThat(MetricsAccess.parse("").allows("127.0.0.1")).isFalse();
    }

    @Test
    void shouldRefuseWhatIsNoCidrBlock() {
        assertThatThrownBy(() -> MetricsAccess.parse("127.0.0.0/33")).hasMessageContaining("127.0.0.0/33");
        assertThatThrownBy(() -> MetricsAccess.parse("::1/129")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsAccess.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsAccess.parse("10.0.0.0/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsAccess.parse("10.0.0.0/-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricsAccess.parse("300.0.0.0/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
