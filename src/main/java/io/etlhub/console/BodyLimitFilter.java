package io.etlhub.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body over its limit with 413 and a message before anything reads it: uploads
 * (multipart) up to the multipart limit, every other body (JSON, forms) up to etlhub.security.max-body-size.
 * It judges the declared Content-Length: a chunked body (no length) is not limited here (docs/security.md).
 */
class BodyLimitFilter extends OncePerRequestFilter {
    private final long maxBody;
    private final long maxUpload;
    private final MessageSource messages;
    /** The console's language (its cookie): these filters answer before Spring MVC resolves it. */
    private final LocaleResolver locales;

    BodyLimitFilter(long maxBody, long maxUpload, MessageSource messages, LocaleResolver locales) {
        this.locales = locales;
        this.maxBody = maxBody;
        this.maxUpload = maxUpload;
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = request.getContentType() != null && request.getContentType().toLowerCase().startsWith("multipart/");
        long limit = upload ? maxUpload : maxBody;
        long length = request.getContentLengthLong();
        if (limit >= 0 && length > limit) {
            tooLarge(request, response, upload, limit);
            return;
        }
        chain.doFilter(request, response);
    }

    static String size(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB"
                : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " B";
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, boolean upload, long limit) throws IOException {
        String text = messages.getMessage(upload ? "security.body.upload-too-large" : "security.body.too-large",
                new Object[] {size(limit)}, locales.resolveLocale(request));
        // The client may still be sending: closing lets Tomcat drop the rest instead of reading it.
        response.setHeader("Connection", "close");
        JsonErrorAnswer.write(response, 413, text);
    }
}
