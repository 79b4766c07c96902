package io.etlhub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * Page data as JSON for a data- attribute (templates: {@code th:data-totals="${@consoleJson.of(totals)}"}), read by the
 * console's static scripts: pages carry no inline script, so the Content-Security-Policy needs no 'unsafe-inline'.
 * Written by the application's ObjectMapper, so dates read as the API writes them.
 */
@Component("consoleJson")
class ConsoleJson {
    private final ObjectMapper json;

    ConsoleJson(ObjectMapper json) {
        this.json = json;
    }

    public String of(Object value) throws JsonProcessingException {
        return json.writeValueAsString(value);
    }
}
