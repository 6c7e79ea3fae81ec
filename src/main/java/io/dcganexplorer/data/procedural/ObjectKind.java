package io.dcganexplorer.data.procedural;

/** The kinds of things a procedural room can contain; each comes with a pixel box as ground truth. */
public enum ObjectKind {
    WINDOW, BED, DOOR, LAMP, PICTURE, RUG, WARDROBE, NIGHTSTAND
}
