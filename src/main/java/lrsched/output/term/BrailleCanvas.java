package lrsched.output.term;

/**
 * A grid of text cells in which each cell holds a 2x4 block of dots, drawn as Unicode braille (U+2800 to U+28FF).
 * Dot coordinates grow rightwards and downwards from the top-left dot. Each cell remembers which series drew in it
 * last, for colouring.
 */
final class BrailleCanvas {

    /** Braille dot bits, indexed [column][row] within a cell. */
    private static final int[][] BITS = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

    private final int columns;
    private final int rows;
    private final int[] dots;
    private final int[] owner;

    BrailleCanvas(int columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.dots = new int[columns * rows];
        this.owner = new int[columns * rows];
        java.util.Arrays.fill(owner, -1);
    }

    int dotWidth() {
        return columns * 2;
    }

    int dotHeight() {
        return rows * 4;
    }

    /** Sets a dot; ignores dots outside the canvas. */
    void set(int x, int y, int series) {
        if (x < 0 || y < 0 || x >= dotWidth() || y >= dotHeight()) {
            return;
        }
        int cell = (y / 4) * columns + x / 2;
        dots[cell] |= BITS[x % 2][y % 4];
        owner[cell] = series;
    }

    /**
     * A straight line between two dot positions (rounded to the nearest dot). A dashed line leaves out every other
     * cell column where it runs flatter than 45 degrees; steeper parts stay whole, so that a jump still shows.
     */
    void line(double x0, double y0, double x1, double y1, int series, boolean dashed) {
        double dx = x1 - x0, dy = y1 - y0;
        int n = (int) Math.ceil(Math.max(Math.abs(dx), Math.abs(dy)));
        boolean gaps = dashed && Math.abs(dx) >= Math.abs(dy);
        for (int i = 0; i <= n; i++) {
            double t = n == 0 ? 0 : (double) i / n;
            int x = (int) Math.round(x0 + t * dx);
            if (!gaps || (x / 2) % 2 == 0) {
                set(x, (int) Math.round(y0 + t * dy), series);
            }
        }
    }

    boolean isEmpty(int column, int row) {
        return dots[row * columns + column] == 0;
    }

    /** The braille character of a cell (U+2800, blank braille, when empty). */
    char cell(int column, int row) {
        return (char) (0x2800 + dots[row * columns + column]);
    }

    /** The series that drew last in a cell, or -1. */
    int owner(int column, int row) {
        return owner[row * columns + column];
    }
}
