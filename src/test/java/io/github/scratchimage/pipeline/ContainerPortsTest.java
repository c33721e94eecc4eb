package io.github.scratchimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.failure.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code <container><ports>} as Jib reads it: single ports, protocols, and ranges. */
class ContainerPortsTest {

    @Test
    void singlePortsKeepTheirProtocol() throws Exception {
        assertThat(ContainerSettings.ports(List.of("8080", " 8443/tcp ", "53/udp")))
                .containsExactly("8080", "8443/tcp", "53/udp");
    }

    @Test
    void aRangeStandsForEachPortInItWithItsProtocol() throws Exception {
        assertThat(ContainerSettings.ports(List.of("1000-1003", "2000-2001/udp", "3000-3000")))
                .containsExactly("1000", "1001", "1002", "1003", "2000/udp", "2001/udp", "3000");
    }

    @Test
    void aDescendingRangeNamesTheEntryAndTheFix() {
        assertThatThrownBy(() -> ContainerSettings.ports(List.of("1003-1000/udp")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid <container><ports> entry: '1003-1000/udp' is a range from a higher port"
                        + " to a lower one; write it as 1000-1003/udp");
    }

    @Test
    void aRangePastTheLastPortIsRefused() {
        assertThatThrownBy(() -> ContainerSettings.ports(List.of("65535-65536")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a port: '65536'");
        assertThatThrownBy(() -> ContainerSettings.ports(List.of("0-2")))
                .hasMessageContaining("not a port: '0'");
        assertThatThrownBy(() -> ContainerSettings.ports(List.of("http")))
                .hasMessageContaining("not a port: 'http'")
                .hasMessageContaining("or a range like 1000-1003");
    }
}
