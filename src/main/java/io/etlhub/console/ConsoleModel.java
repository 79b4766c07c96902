package io.etlhub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every console page: the page's path (active link, language links, filter reset). */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {
    @ModelAttribute("requestPath")
    String requestPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
