package io.etlhub.archive;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads every sheet of an .xlsx with POI's SAX event reader: constant memory whatever the row
 * count; shared strings read-only. Formula cells give their cached result and are marked; error
 * cells (t="e") give the error (#N/A) and are marked as errors.
 */
final class XlsxStreamReader {
    void read(Path file, SheetRowSink sink) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    sink.startSheet(sheets.getSheetName());
                    RowBuffer buffer = new RowBuffer(sink);
                    Contents contents = new Contents(buffer);
                    Handler handler = new Handler(styles, strings, contents, sink);
                    contents.handler = handler;
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(handler);
                    xml.parse(new InputSource(in));
                    buffer.flush();
                    sink.endSheet();
                }
            }
        }
    }

    /** Notes formula cells and the sheet's declared size, which the stock handler does not pass on. */
    private static final class Handler extends XSSFSheetXMLHandler {
        private final SheetRowSink sink;
        boolean formula;
        boolean error;

        Handler(StylesTable styles, ReadOnlySharedStringsTable strings, Contents contents, SheetRowSink sink) {
            super(styles, null, strings, contents, new ImportFormatter(), false);
            this.sink = sink;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if ("c".equals(localName)) {
                formula = false;
                error = "e".equals(attributes.getValue("t"));
            } else if ("f".equals(localName)) {
                formula = true;
            } else if ("dimension".equals(localName)) {
                String ref = attributes.getValue("ref");
                if (ref != null && ref.contains(":")) {
                    sink.declaredRows(new CellReference(ref.substring(ref.indexOf(':') + 1)).getRow() + 1);
                }
            }
            super.startElement(uri, localName, qName, attributes);
        }
    }

    private static final class Contents implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowBuffer buffer;
        Handler handler;
        private int row;
        private int nextColumn;

        Contents(RowBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum;
            nextColumn = 0;
        }

        @Override
        public void endRow(int rowNum) {}

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int column = ref == null ? nextColumn : new CellReference(ref).getCol();
            nextColumn = column + 1;
            // POI writes an error cell as ERROR:#N/A; the cell is the error itself.
            boolean error = handler.error;
            if (error && value != null && value.startsWith("ERROR:")) value = value.substring("ERROR:".length());
            buffer.cell(row, column, value, handler.formula, error);
        }
    }
}
