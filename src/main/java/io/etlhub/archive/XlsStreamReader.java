package io.etlhub.archive;

import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.eventusermodel.MissingRecordAwareHSSFListener;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.DimensionsRecord;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every sheet of a .xls with POI's HSSF event API: records streamed, never a whole workbook in memory. */
final class XlsStreamReader {
    void read(Path file, SheetRowSink sink) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            Listener listener = new Listener(sink);
            FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(new MissingRecordAwareHSSFListener(listener));
            listener.formats = formats;
            HSSFRequest request = new HSSFRequest();
            request.addListenerForAllRecords(formats);
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        }
    }

    private static final class Listener implements HSSFListener {
        private final SheetRowSink sink;
        private final RowBuffer buffer;
        private final List<String> sheetNames = new ArrayList<>();
        FormatTrackingHSSFListener formats;
        private SSTRecord strings;
        private int sheetIndex = -1;
        private boolean inSheet;
        private int formulaRow = -1;
        private int formulaColumn;

        Listener(SheetRowSink sink) {
            this.sink = sink;
            this.buffer = new RowBuffer(sink);
        }

        @Override
        public void processRecord(Record record) {
            if (record instanceof BoundSheetRecord r) {
                sheetNames.add(r.getSheetname());
            } else if (record instanceof BOFRecord r && r.getType() == BOFRecord.TYPE_WORKSHEET) {
                sheetIndex++;
                inSheet = true;
                sink.startSheet(sheetIndex < sheetNames.size() ? sheetNames.get(sheetIndex) : "Sheet" + (sheetIndex + 1));
            } else if (record instanceof SSTRecord r) {
                strings = r;
            } else if (record instanceof DimensionsRecord r) {
                if (inSheet) sink.declaredRows(r.getLastRow());
            } else if (record instanceof LabelSSTRecord r) {
                buffer.cell(r.getRow(), r.getColumn(), strings.getString(r.getSSTIndex()).getString(), false);
            } else if (record instanceof LabelRecord r) {
                buffer.cell(r.getRow(), r.getColumn(), r.getValue(), false);
            } else if (record instanceof NumberRecord r) {
                buffer.cell(r.getRow(), r.getColumn(),
                        ImportFormatter.format(r.getValue(), formats.getFormatIndex(r), formats.getFormatString(r)), false);
            } else if (record instanceof BoolErrRecord r) {
                if (r.isBoolean()) buffer.cell(r.getRow(), r.getColumn(), String.valueOf(r.getBooleanValue()).toUpperCase(), false);
                else buffer.cell(r.getRow(), r.getColumn(), error(r.getErrorValue()), false, true);
            } else if (record instanceof FormulaRecord r) {
                formula(r);
            } else if (record instanceof StringRecord r) {
                if (formulaRow >= 0) buffer.cell(formulaRow, formulaColumn, r.getString(), true);
                formulaRow = -1;
            } else if (record instanceof EOFRecord && inSheet) {
                buffer.flush();
                sink.endSheet();
                inSheet = false;
            }
        }

        private void formula(FormulaRecord r) {
            if (r.hasCachedResultString()) {
                // The cached text comes in the next StringRecord.
                formulaRow = r.getRow();
                formulaColumn = r.getColumn();
                return;
            }
            String value;
            if (r.getCachedResultType() == CellType.ERROR.getCode()) {
                buffer.cell(r.getRow(), r.getColumn(), error(r.getCachedErrorValue()), true, true);
                return;
            } else if (r.getCachedResultType() == CellType.NUMERIC.getCode()) {
                value = ImportFormatter.format(r.getValue(), formats.getFormatIndex(r), formats.getFormatString(r));
            } else if (r.getCachedResultType() == CellType.BOOLEAN.getCode()) {
                value = String.valueOf(r.getCachedBooleanValue()).toUpperCase();
            } else {
                value = "";
            }
            buffer.cell(r.getRow(), r.getColumn(), value, true);
        }

        /** An error code as Excel shows it: #N/A, #DIV/0!, #REF!... */
        private static String error(int code) {
            try {
                return FormulaError.forInt(code).getString();
            } catch (IllegalArgumentException e) {
                return "#ERROR";
            }
        }
    }
}
