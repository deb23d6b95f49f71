package io.zhenggai.issue.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads the ledger sheet of an Excel workbook (整改台账) row by row, as it streams: POI's event API (SAX over the
 * sheet's XML), never the whole workbook in memory. Row 1 must be exactly the contract's header row
 * ({@link LedgerLayout}); every later row that is not blank comes to the caller as a {@link Line} of the cells' texts
 * by column key: dates as ISO dates (2023-06-30) whatever their number format, numbers as Excel shows them, texts as
 * written.
 * <p>
 * A workbook is a zip of XML, so it is read with guards against hostile files: the compressed file's size is the
 * caller's limit; each part may unpack to at most {@link #MAX_UNPACKED_PART} bytes and never more than 100 times its
 * compressed size (POI's {@link ZipSecureFile}: a zip bomb is refused before it is inflated); the shared strings (the
 * texts Excel moves out of the sheet when it saves) hold at most {@link #MAX_SHARED_TEXT} characters; XML with a
 * DTD or external entities is refused by POI's secure parser; at most {@code maxRows} data rows; a cell longer than
 * {@code maxCellLength} characters is reported on its line rather than kept. Every failure of POI becomes a
 * {@link LedgerWorkbookException} with the reason: nothing of a refused workbook is imported.
 */
public final class LedgerWorkbookReader {

    /** The most bytes one part of the workbook (a sheet's XML) may unpack to. */
    public static final long MAX_UNPACKED_PART = 256L * 1024 * 1024;

    /** The most characters of shared strings (the texts of a workbook Excel saved) that are read. */
    public static final long MAX_SHARED_TEXT = 50_000_000L;

    /** The least compressed ÷ unpacked size of a part: beyond 100-fold expansion it is a zip bomb. */
    public static final double MIN_INFLATE_RATIO = 0.01;

    static {
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(MAX_UNPACKED_PART);
    }

    /**
     * A data row: its number as Excel shows it (row 2 is the first under the header), the cells' texts by column
     * key (blank cells absent), and the columns whose text was longer than a cell of the import takes (left out).
     */
    public record Line(int row, Map<String, String> cells, Set<String> tooLong) {

        /** The text of a column, stripped; empty when blank. */
        public String cell(String key) {
            String value = cells.get(key);
            return value == null ? "" : value.strip();
        }
    }

    private final LedgerLayout layout;
    private final int maxRows;
    private final int maxCellLength;

    public LedgerWorkbookReader(LedgerLayout layout, int maxRows, int maxCellLength) {
        this.layout = layout;
        this.maxRows = maxRows;
        this.maxCellLength = maxCellLength;
    }

    /**
     * Reads the ledger sheet of the workbook in {@code file}, handing each data row to {@code lines} in order.
     *
     * @return how many data rows it had
     */
    public int read(Path file, Consumer<Line> lines) throws LedgerWorkbookException {
        try (OPCPackage workbook = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(workbook);
            StylesTable styles = reader.getStylesTable();
            SharedStrings strings = sharedStrings(workbook);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (layout.sheet().equals(sheets.getSheetName())) {
                        Rows rows = new Rows(lines);
                        XMLReader parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new IsoDates(), false));
                        parser.parse(new InputSource(sheet));
                        if (!rows.headerSeen) {
                            throw new LedgerWorkbookException(LedgerWorkbookException.Reason.WRONG_HEADERS,
                                    "工作表「" + layout.sheet() + "」第1行应为表头：" + String.join("、", layout.headers()));
                        }
                        return rows.count;
                    }
                }
            }
            throw new LedgerWorkbookException(LedgerWorkbookException.Reason.NO_LEDGER_SHEET,
                    "工作簿中没有名为「" + layout.sheet() + "」的工作表：请使用系统导出的整改台账");
        } catch (LedgerWorkbookException e) {
            throw e;
        } catch (Refused e) {
            throw e.refusal;
        } catch (Exception | StackOverflowError e) {
            throw refusal(e);
        }
    }

    /** What went wrong inside POI, as a refusal: a zip bomb or text beyond the limits, or no workbook at all. */
    private static LedgerWorkbookException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused refused) {
                return refused.refusal;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Zip bomb") || message.contains("max. ratio") || message.contains("exceed the max")) {
                return new LedgerWorkbookException(LedgerWorkbookException.Reason.TOO_LARGE_UNPACKED,
                        "工作簿解压后过大（超过压缩前的" + Math.round(1 / MIN_INFLATE_RATIO) + "倍或单个部件超过"
                                + MAX_UNPACKED_PART / (1024 * 1024) + "MB），疑为压缩炸弹，已拒绝", e);
            }
        }
        return new LedgerWorkbookException(LedgerWorkbookException.Reason.NOT_A_WORKBOOK,
                "不是可读取的Excel工作簿（.xlsx）：请上传系统导出并修改后的整改台账", e);
    }

    private static SharedStrings sharedStrings(OPCPackage workbook) throws IOException, SAXException {
        List<PackagePart> parts = workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        return parts.isEmpty() ? new ReadOnlySharedStringsTable(workbook) : new CountedStrings(parts.get(0));
    }

    /** A refusal thrown from inside a SAX callback, carried out of POI unchanged. */
    private static final class Refused extends RuntimeException {
        private final transient LedgerWorkbookException refusal;

        Refused(LedgerWorkbookException refusal) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
        }
    }

    /** The shared strings, counting their characters as they are read and refusing beyond the limit. */
    private static final class CountedStrings extends ReadOnlySharedStringsTable {
        // no initialiser: the superclass constructor reads the part (calling characters) before one would run
        private long characters;

        CountedStrings(PackagePart part) throws IOException, SAXException {
            super(part, false);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            characters += length;
            if (characters > MAX_SHARED_TEXT) {
                throw new Refused(new LedgerWorkbookException(LedgerWorkbookException.Reason.TOO_LARGE_UNPACKED,
                        "工作簿的文字超过" + MAX_SHARED_TEXT / 10_000 + "万字，远超整改台账的篇幅，已拒绝"));
            }
            super.characters(ch, start, length);
        }
    }

    /** Dates in any date format Excel shows them in come out as ISO dates: the import reads one form. */
    private static final class IsoDates extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value, use1904Windowing).toLocalDate().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }

    /** The sheet's rows: the header row checked, then each data row collected and handed on. */
    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Consumer<Line> lines;
        private final List<String> headers = layout.headers();
        private final Map<Integer, String> row = new HashMap<>();
        private boolean headerSeen;
        private int count;

        Rows(Consumer<Line> lines) {
            this.lines = lines;
        }

        @Override
        public void startRow(int rowNum) {
            row.clear();
            if (!headerSeen && rowNum > 0) {
                throw new Refused(wrongHeaders("第1行是空的"));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            if (reference == null || value == null) {
                return;
            }
            row.put((int) new CellReference(reference).getCol(), value);
        }

        @Override
        public void endRow(int rowNum) {
            if (!headerSeen) {
                checkHeaders();
                headerSeen = true;
                return;
            }
            if (row.values().stream().allMatch(String::isBlank)) {
                return;
            }
            if (++count > maxRows) {
                throw new Refused(new LedgerWorkbookException(LedgerWorkbookException.Reason.TOO_MANY_ROWS,
                        "整改台账一次最多导入" + maxRows + "行"));
            }
            Map<String, String> cells = new LinkedHashMap<>();
            Set<String> tooLong = new java.util.LinkedHashSet<>();
            for (Map.Entry<Integer, String> cell : row.entrySet()) {
                if (cell.getKey() >= headers.size()) {
                    continue; // beyond the layout: notes a user added, not read
                }
                String key = layout.columns().get(cell.getKey()).key();
                if (cell.getValue().length() > maxCellLength) {
                    tooLong.add(key);
                } else {
                    cells.put(key, cell.getValue());
                }
            }
            lines.accept(new Line(rowNum + 1, cells, tooLong));
        }

        private void checkHeaders() {
            int columns = row.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            for (int c = 0; c < Math.max(columns, headers.size()); c++) {
                String found = row.getOrDefault(c, "").strip();
                String wanted = c < headers.size() ? headers.get(c) : "";
                if (!found.equals(wanted)) {
                    throw new Refused(wrongHeaders(wanted.isEmpty()
                            ? "第" + (c + 1) + "列（" + CellReference.convertNumToColString(c) + "列）应无表头，实为「"
                            + found + "」"
                            : "第" + (c + 1) + "列（" + CellReference.convertNumToColString(c) + "列）表头应为「" + wanted
                            + "」，实为「" + found + "」"));
                }
            }
        }

        private LedgerWorkbookException wrongHeaders(String what) {
            return new LedgerWorkbookException(LedgerWorkbookException.Reason.WRONG_HEADERS, "工作表「"
                    + layout.sheet() + "」的表头与系统导出的整改台账不符：" + what + "。表头应为："
                    + String.join("、", headers));
        }
    }
}
