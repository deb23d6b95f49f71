package io.zhenggai.issue.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The byte checks on their own: leading bytes, container parts, and a stream fed in pieces of any size. */
class FileTypeTest {

    static Optional<String> check(FileType type, byte[] bytes, int piece) {
        FileType.Check check = type.check();
        for (int i = 0; i < bytes.length; i += piece) {
            check.update(bytes, i, Math.min(piece, bytes.length - i));
        }
        return check.finish();
    }

    @Test
    void shouldAcceptEachTypeByItsBytesWhateverThePieces() {
        byte[][] files = {Files.pdf(5000, 1), Files.png(), Files.jpeg(), Files.gif(), Files.webp(), Files.docx(),
                Files.xlsx(), Files.ole2("WordDocument"), Files.ole2("Workbook"), Files.ole2("Book")};
        FileType[] types = {FileType.PDF, FileType.PNG, FileType.JPEG, FileType.GIF, FileType.WEBP, FileType.DOCX,
                FileType.XLSX, FileType.DOC, FileType.XLS, FileType.XLS};
        for (int i = 0; i < files.length; i++) {
            for (int piece : new int[]{1, 3, 7, 4096, Integer.MAX_VALUE / 2}) {
                assertThat(check(types[i], files[i], piece)).as("%s in pieces of %d", types[i], piece).isEmpty();
            }
        }
    }

    @Test
    void shouldSayWhatTheBytesLookLike() {
        assertThat(check(FileType.PDF, Files.png(), 5)).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("the file is not a PDF document: its first bytes are those of a PNG image"));
        assertThat(check(FileType.DOC, Files.docx(), 100)).hasValueSatisfying(why -> assertThat(why)
                .endsWith("those of a ZIP archive"));
        assertThat(check(FileType.DOCX, Files.xlsx(), 100)).hasValue(
                "the file is not a Word document (.docx): it is a ZIP archive without the part word/");
        assertThat(check(FileType.XLS, Files.ole2("WordDocument"), 100)).hasValue(
                "the file is not an Excel 97–2003 workbook (.xls): it is an OLE2 compound file without a Workbook "
                        + "or Book stream");
        assertThat(check(FileType.PNG, "GIF89a......".getBytes(StandardCharsets.US_ASCII), 1)).hasValueSatisfying(
                why -> assertThat(why).endsWith("a GIF image"));
        assertThat(check(FileType.WEBP, "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 1))
                .hasValueSatisfying(why -> assertThat(why).endsWith("none of the accepted types"));
    }

    @Test
    void shouldRefuseAsSoonAsTheLeadingBytesDisagree() {
        FileType.Check check = FileType.PDF.check();
        check.update("%PDF-1.".getBytes(StandardCharsets.US_ASCII), 0, 7);
        assertThat(check.leadMismatch()).as("still possible").isEmpty();
        check.update("7\n%abcd".getBytes(StandardCharsets.US_ASCII), 0, 7);
        assertThat(check.leadMismatch()).isEmpty();

        FileType.Check wrong = FileType.PDF.check();
        wrong.update(Files.png(), 0, 12);
        assertThat(wrong.leadMismatch()).isPresent();
    }

    @Test
    void shouldFindAPartNameAcrossPieceBoundariesAndAfterFalseStarts() {
        byte[] file = ("PK\u0003\u0004[Content_Types].xm[Content_Types].xml wor word wordx word/doc")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int piece = 1; piece < file.length; piece++) {
            assertThat(check(FileType.DOCX, file, piece)).as("pieces of %d", piece).isEmpty();
        }
        byte[] almost = "PK\u0003\u0004[Content_Types].xml word".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(check(FileType.DOCX, almost, 2)).isPresent();
    }

    @Test
    void shouldReadMediaTypesWithoutParametersOrCase() {
        assertThat(FileType.of("Application/PDF; charset=binary")).hasValue(FileType.PDF);
        assertThat(FileType.of(" image/png ")).hasValue(FileType.PNG);
        assertThat(FileType.of("image/png, image/jpeg")).isEmpty();
        assertThat(FileType.of("text/plain")).isEmpty();
        assertThat(FileType.of(null)).isEmpty();
    }
}
