package io.etlhub.console;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * One page of a console table, with the search text and filters that chose its rows. Every paged
 * table uses this (and the fragments pager and filters): the controller passes the rows its service
 * gives, the text each row is searched in, and the request's paging; the page links keep the filters.
 */
public record ListPage<T>(List<T> items, int number, int size, long total, String query, Map<String, String> filters) {
    static final int DEFAULT_SIZE = 25;
    static final int MAX_SIZE = 200;

    /** The paging a request asks for: page (from 1), size, q (search text). Out-of-range values are brought in range. */
    public record Request(Integer page, Integer size, String q) {
        int number() { return page == null || page < 1 ? 1 : page; }
        int pageSize() { return size == null || size < 1 ? DEFAULT_SIZE : Math.min(size, MAX_SIZE); }
        String query() { return q == null ? "" : q.trim(); }
    }

    /**
     * The rows of the requested page among those that match the search text (case-insensitive,
     * anywhere in {@code searchText} of the row) and {@code filter}.
     */
    static <T> ListPage<T> of(List<T> rows, Request request, Function<T, String> searchText, Predicate<T> filter,
                              Map<String, String> filters) {
        String needle = request.query().toLowerCase(Locale.ROOT);
        List<T> matching = new ArrayList<>();
        for (T row : rows) {
            if (!filter.test(row)) continue;
            String text = searchText.apply(row);
            if (needle.isEmpty() || (text != null && text.toLowerCase(Locale.ROOT).contains(needle))) matching.add(row);
        }
        int size = request.pageSize();
        int pages = Math.max(1, (matching.size() + size - 1) / size);
        int number = Math.min(request.number(), pages);
        int from = (number - 1) * size;
        List<T> items = matching.subList(Math.min(from, matching.size()), Math.min(from + size, matching.size()));
        Map<String, String> kept = new LinkedHashMap<>();
        filters.forEach((k, v) -> { if (v != null && !v.isBlank()) kept.put(k, v); });
        return new ListPage<>(List.copyOf(items), number, size, matching.size(), request.query(), kept);
    }

    /** A page the database cut: {@code rows} reads {@code limit} rows from {@code offset}; {@code total} counts all that match. */
    static <T> ListPage<T> sliced(long total, Request request, Map<String, String> filters,
                                  java.util.function.BiFunction<Integer, Integer, List<T>> rows) {
        int size = request.pageSize();
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int number = Math.min(request.number(), pages);
        Map<String, String> kept = new LinkedHashMap<>();
        filters.forEach((k, v) -> { if (v != null && !v.isBlank()) kept.put(k, v); });
        List<T> items = total == 0 ? List.of() : rows.apply((number - 1) * size, size);
        return new ListPage<>(List.copyOf(items), number, size, total, request.query(), kept);
    }

    static <T> ListPage<T> of(List<T> rows, Request request, Function<T, String> searchText) {
        return of(rows, request, searchText, row -> true, Map.of());
    }

    public int pages() { return (int) Math.max(1, (total + size - 1) / size); }
    public long from() { return total == 0 ? 0 : (long) (number - 1) * size + 1; }
    public long to() { return Math.min(total, (long) number * size); }
    public boolean isEmpty() { return total == 0; }

    /** Up to seven page numbers around the current one. */
    public List<Integer> window() {
        int first = Math.max(1, Math.min(number - 3, pages() - 6));
        int last = Math.min(pages(), first + 6);
        return IntStream.rangeClosed(first, last).boxed().toList();
    }

    /** The query string of page {@code n} with this page's search text, size and filters. */
    public String link(int n) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        filters.forEach(b::queryParam);
        if (!query.isEmpty()) b.queryParam("q", query);
        if (size != DEFAULT_SIZE) b.queryParam("size", size);
        b.queryParam("page", Math.max(1, Math.min(n, pages())));
        return b.encode().build().toUriString();
    }

    /** A filter's value as the request gave it ('' when not given), for the filter fields. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }
}
