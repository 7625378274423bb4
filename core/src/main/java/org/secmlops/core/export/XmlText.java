package org.secmlops.core.export;

/** Escapes text for XML 1.0 content and attribute values; characters XML 1.0 cannot carry are left out. */
final class XmlText {
    private XmlText() {
    }

    /** The text as the value of a double-quoted attribute: also escapes quotes and keeps line breaks as such. */
    static String attribute(String text) {
        return escape(text, true);
    }

    /** The text as element content. */
    static String content(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean attribute) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append(attribute ? "&quot;" : "\"");
                case '\n' -> escaped.append(attribute ? "&#10;" : "\n");
                case '\r' -> escaped.append("&#13;");
                case '\t' -> escaped.append(attribute ? "&#9;" : "\t");
                default -> {
                    if (allowed(c)) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** The characters of XML 1.0 ({@code Char} production), less the ones escaped above; lone surrogates are not. */
    private static boolean allowed(int c) {
        return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
    }
}
