package io.lsdt.cli;

import java.util.ArrayList;
import java.util.List;

/** Aligns rows of text into columns for terminal output. Numbers in columns marked right-aligned are padded left. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;
    private final String[] header;

    TextTable(String[] header, boolean... right) {
        this.header = header;
        this.right = right;
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    String render(String indent) {
        int n = header.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 0 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, header, w);
        StringBuilder rule = new StringBuilder(indent);
        for (int i = 0; i < n; i++) {
            rule.append("-".repeat(w[i]));
            if (i < n - 1) {
                rule.append("  ");
            }
        }
        sb.append(rule).append('\n');
        for (String[] r : rows) {
            line(sb, indent, r, w);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "" : cells[i];
            boolean r = i < right.length && right[i];
            String pad = " ".repeat(w[i] - c.length());
            l.append(r ? pad + c : c + (i < cells.length - 1 ? pad : ""));
            if (i < cells.length - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
