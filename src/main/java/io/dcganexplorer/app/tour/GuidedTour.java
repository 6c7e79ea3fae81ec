package io.dcganexplorer.app.tour;

import java.util.List;

/**
 * The tour's text: one step per thing the app shows, in the order a lesson would take them, ending with
 * the design guidelines of Radford, Metz and Chintala, "Unsupervised Representation Learning with Deep
 * Convolutional Generative Adversarial Networks" (2015), section 3.
 */
public final class GuidedTour {

    private static final List<TourStep> STEPS = List.of(
            new TourStep("Walk", "#walkImage", "Welcome to DCGAN Explorer",
                    "A DCGAN is two networks that learn by competing (Radford, Metz and Chintala, 2015). The "
                            + "generator, G, turns a list of random numbers called z (100 of them here) into a "
                            + "picture; the discriminator, D, looks at a picture and guesses whether it is real or "
                            + "made by G. The app ships with three trained generators: faces32 (cartoon faces), "
                            + "rooms32 (bedrooms) and fashion32 (clothes); the model picker in the toolbar switches "
                            + "between them.",
                    List.of(), List.of("#walkPlay", "#exportWalkGif", "#walkNeighbours")),
            new TourStep("Walk", "#walkSliders", "Walk: move a slider",
                    "Each slider is one of the numbers in z. Drag one and watch the big picture: G draws it again "
                            + "at once, and a small move gives a small change, not a different picture. The row "
                            + "under the picture shows neighbours, points of z close to this one; click one to go "
                            + "there, or press R (Randomise) for a new z.",
                    List.of(), List.of("#walkImage", "#walkNeighbours")),
            new TourStep("Walk", "#walkTabs", "Walk from one picture to another",
                    "On the right, click pictures in the grid to choose the stops of a walk (or press Figure 4 "
                            + "for nine random stops, as in the paper), then Build walk and Play. Every frame on the "
                            + "way is a new picture that turns smoothly into the next: the paper's sign that G has "
                            + "learned what the pictures have in common instead of memorising them. The Directions "
                            + "tab finds the directions in z along which pictures change the most.",
                    List.of(), List.of("#walkNeighbours")),
            new TourStep("Arithmetic", "#arithmeticResult", "Arithmetic with ideas",
                    "Click a term on the right, then three faces in the grid that show it; the app averages "
                            + "their z. It then works out, for example, man with glasses − man without glasses + "
                            + "woman without glasses, and G draws the answer in the centre: often a woman with "
                            + "glasses. The Lessons menu sets up ready-made examples, and the picture beside the "
                            + "answer is the same sum done on the pixels, a blurry double exposure.",
                    List.of(), List.of("#arithmeticGrid", "#buckets")),
            new TourStep("Ablate", "#ablationMaps", "Ablate: make G forget windows",
                    "This pane is about bedrooms: choose rooms32 with the model picker in the toolbar first. Draw boxes "
                            + "around windows on the large picture (or press Auto-annotate), and Fit finds the "
                            + "feature maps inside G that are active where the windows are and ticks them. Press "
                            + "Ablate: G draws the same rooms with those maps switched off, and the windows "
                            + "disappear or turn into something else while the rest of the room stays.",
                    List.of(), List.of("#ablationEditor", "#ablationGrid")),
            new TourStep("Probe", "#probeTable | #probeUnsupported", "Probe: what has D learned?",
                    "D was only ever told “real” or “fake”, yet it learned features that help to recognise "
                            + "things. With fashion32 chosen (and Fashion-MNIST installed), Run fits a simple linear "
                            + "classifier on D's features and compares it with one on raw pixels and one on an "
                            + "untrained D. On the right, generated pictures sit next to their closest training "
                            + "pictures: look-alikes that are not copies mean the model is not memorising.",
                    List.of()),
            new TourStep("Train", "#startButton", "Train: watch a GAN learn",
                    "Start a run on the built-in faces or rooms, on Fashion-MNIST or on a folder of your own "
                            + "pictures. The curves show both losses and D's verdicts, D(x) on real pictures and "
                            + "D(G(z)) on G's; the grid is G's drawing of the same fixed z as training goes on. "
                            + "Space pauses, and Stop writes a checkpoint that Resume a run… continues from.",
                    List.of()),
            new TourStep("Train", "#paperDefaults", "The paper's recipe for stable training",
                    "Radford, Metz and Chintala found rules that make convolutional GANs train reliably; every "
                            + "network in this app is built by them, and Paper defaults puts their numbers back in "
                            + "the form. Help → Guided tour shows this tour again, and F5 turns on presentation "
                            + "mode for a classroom.",
                    List.of("No pooling: D shrinks pictures with strided convolutions, G enlarges them with "
                                    + "fractional-strided (transposed) convolutions.",
                            "Batchnorm in both networks, except on G's output layer and D's input layer.",
                            "ReLU in G with Tanh on its output; LeakyReLU with a slope of 0.2 in D.",
                            "Weights start from a normal distribution with mean 0 and standard deviation 0.02.",
                            "Adam with a learning rate of 0.0002 and β1 = 0.5.",
                            "Pictures are scaled to [-1, 1], the range of Tanh.")));

    private GuidedTour() {
    }

    /** The steps in order. */
    public static List<TourStep> steps() {
        return STEPS;
    }
}
