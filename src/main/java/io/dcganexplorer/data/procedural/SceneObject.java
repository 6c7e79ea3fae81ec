package io.dcganexplorer.data.procedural;

/** One object of a procedural room and the pixel box its drawn shapes cover in the image. */
public record SceneObject(ObjectKind kind, PixelBox box) {
}
