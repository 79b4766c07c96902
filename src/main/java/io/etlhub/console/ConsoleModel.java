package io.etlhub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What the layout needs on every console page (also those other features add, e.g. lapse): the page's path (active link, filter reset) and its address for the language links. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ConsoleModel {
    @ModelAttribute("requestPath")
    String requestPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The page with its query (period, filters, page) but without lang: the language links add theirs. */
    @ModelAttribute("samePage")
    String samePage(HttpServletRequest request) {
        return UriComponentsBuilder.fromPath(requestPath(request)).query(request.getQueryString())
                .replaceQueryParam("lang").build().toUriString();
    }
}
