package io.etlhub.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Refuses a request body over its limit with 413 and a message: uploads (multipart) up to the multipart limit, every
 * other body (JSON, forms) up to etlhub.security.max-body-size. A declared Content-Length over the limit is refused
 * before anything reads the body; a body without one (chunked) is counted as it is read, and the read that passes the
 * limit fails with {@link TooLarge}, which this filter (or ErrorAnswers, when a handler met it) answers with 413.
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

    /** The read that took a body past its limit. */
    static final class TooLarge extends IOException {
        final long limit;
        final boolean upload;

        TooLarge(long limit, boolean upload) {
            super("request body larger than " + size(limit));
            this.limit = limit;
            this.upload = upload;
        }

        /** The sentence's bundle key (the API's code): the body or the upload is larger than the limit. */
        String key() {
            return upload ? "security.body.upload-too-large" : "security.body.too-large";
        }

        /** The sentence for the reader. */
        String text(MessageSource messages, Locale locale) {
            return messages.getMessage(key(), new Object[] {size(limit)}, locale);
        }

        /** The TooLarge somewhere in a failure's causes, or null. */
        static TooLarge in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof TooLarge tooLarge) return tooLarge;
            }
            return null;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = request.getContentType() != null && request.getContentType().toLowerCase().startsWith("multipart/");
        long limit = upload ? maxUpload : maxBody;
        long length = request.getContentLengthLong();
        if (limit >= 0 && length > limit) {
            tooLarge(request, response, new TooLarge(limit, upload));
            return;
        }
        if (limit < 0 || length >= 0) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new Counted(request, limit, upload), response);
        } catch (IOException | ServletException | RuntimeException e) {
            TooLarge tooLarge = TooLarge.in(e);
            if (tooLarge == null || response.isCommitted()) throw e;
            response.reset();
            tooLarge(request, response, tooLarge);
        }
    }

    static String size(long bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB"
                : bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KB" : bytes + " B";
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, TooLarge tooLarge) throws IOException {
        // The client may still be sending: closing lets Tomcat drop the rest instead of reading it.
        response.setHeader("Connection", "close");
        JsonErrorAnswer.write(response, 413, tooLarge.key(), tooLarge.text(messages, locales.resolveLocale(request)));
    }

    /** A request without a declared length whose body fails once more than the limit has been read. */
    private static final class Counted extends HttpServletRequestWrapper {
        private final long limit;
        private final boolean upload;
        private ServletInputStream counted;

        Counted(HttpServletRequest request, long limit, boolean upload) {
            super(request);
            this.limit = limit;
            this.upload = upload;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) counted = new CountingStream(super.getInputStream(), limit, upload);
            return counted;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final boolean upload;
        private long read;

        CountingStream(ServletInputStream in, long limit, boolean upload) {
            this.in = in;
            this.limit = limit;
            this.upload = upload;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) counted(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) counted(n);
            return n;
        }

        private void counted(int n) throws TooLarge {
            read += n;
            if (read > limit) throw new TooLarge(limit, upload);
        }

        @Override
        public boolean isFinished() { return in.isFinished(); }

        @Override
        public boolean isReady() { return in.isReady(); }

        @Override
        public void setReadListener(ReadListener listener) { in.setReadListener(listener); }
    }
}
