package io.etlhub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.util.Map;

/** The API's {"status", "code", "error"} answer (pipeline.ApiErrors), written by a servlet filter (before Spring MVC). */
final class JsonErrorAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrorAnswer() {}

    static void write(HttpServletResponse response, int status, String code, String text) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE + ";charset=UTF-8");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(io.etlhub.pipeline.ApiErrors.body(status, code, text)));
    }
}
