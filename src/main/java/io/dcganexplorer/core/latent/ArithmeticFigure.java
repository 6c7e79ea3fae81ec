package io.dcganexplorer.core.latent;

import java.util.ArrayList;
import java.util.List;

/**
 * The z's of one panel of the paper's figure 7: the result Y of the concept arithmetic in the centre of
 * a 3x3 grid, its eight neighbours Y + uniform noise of +-{@link ConceptArithmetic#PAPER_NOISE} around it.
 *
 * @param y the sum of signed concept means
 * @param neighbours eight noisy copies of y
 */
public record ArithmeticFigure(float[] y, List<float[]> neighbours) {

    /** Cells of the 3x3 grid; the centre is cell 4. */
    public static final int CELLS = 9;
    public static final int CENTRE = 4;

    /** The figure for a list of terms, with the neighbours' noise drawn from {@code noiseSeed}. */
    public static ArithmeticFigure of(List<ConceptArithmetic.Term> terms, long noiseSeed) {
        float[] y = ConceptArithmetic.combine(terms);
        return new ArithmeticFigure(y, ConceptArithmetic.noisyVariants(y, CELLS - 1, ConceptArithmetic.PAPER_NOISE,
                noiseSeed));
    }

    /** The nine z's in grid order (row by row), y at {@link #CENTRE}. */
    public List<float[]> grid() {
        List<float[]> out = new ArrayList<>(neighbours);
        out.add(CENTRE, y);
        return out;
    }
}
