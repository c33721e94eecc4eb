package io.github.scratchimage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", "q\"uote\\\n\u0001");
        m.put("a", List.of(1, true, Map.of()));
        m.put("empty", List.of());
        return m;
    }

    @Test
    void compactHasNoWhitespaceAndKeepsInsertionOrder() {
        assertThat(Json.compact(sample())).isEqualTo("{\"b\":\"q\\\"uote\\\\\\n\\u0001\",\"a\":[1,true,{}],\"empty\":[]}");
    }

    @Test
    void prettyIndentsByTwoAndEndsWithANewline() {
        assertThat(Json.pretty(sample())).isEqualTo("{\n  \"b\": \"q\\\"uote\\\\\\n\\u0001\",\n  \"a\": [\n    1,\n"
                + "    true,\n    {}\n  ],\n  \"empty\": []\n}\n");
    }

    private enum Linkage { STATIC_PIE }

    @Test
    void reportsAlsoTakeOptionalNullAndEnumsButHashedDocumentsDoNot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("o", Optional.of("x"));
        m.put("n", Optional.empty());
        m.put("e", Linkage.STATIC_PIE);
        assertThat(Json.pretty(m)).isEqualTo("{\n  \"o\": \"x\",\n  \"n\": null,\n  \"e\": \"static_pie\"\n}\n");
        assertThatThrownBy(() -> Json.compact(m)).isInstanceOf(IllegalArgumentException.class);
    }
}
