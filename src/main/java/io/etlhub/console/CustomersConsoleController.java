package io.etlhub.console;

import io.etlhub.crm.CrmCustomerViews;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Map;

/**
 * The customers of the CRM with an ERP code, searched by code or name and paged in the CRM, each with the
 * headline figures of its Customer 360 view and a link to the customer's page (/console/customers/{code}).
 */
@Controller
class CustomersConsoleController {
    private final CrmCustomerViews customers;

    CustomersConsoleController(CrmCustomerViews customers) {
        this.customers = customers;
    }

    @GetMapping("/console/customers")
    String list(ListPage.Request paging, Model model) {
        String text = paging.query();
        model.addAttribute("page", ListPage.sliced(customers.count(text), paging, Map.of(),
                (offset, limit) -> customers.list(text, offset, limit)));
        return "console/customers";
    }
}
