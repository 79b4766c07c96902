package io.etlhub.archive;

import org.springframework.dao.DataAccessException;

/** The CRM refused the write of one company: names the sheet and row it came from (its first row in the file). */
final class CrmWriteException extends RuntimeException {
    final String sheet;
    final int row;

    CrmWriteException(String sheet, int row, DataAccessException cause) {
        super(String.valueOf(cause.getMostSpecificCause().getMessage()), cause);
        this.sheet = sheet;
        this.row = row;
    }
}
