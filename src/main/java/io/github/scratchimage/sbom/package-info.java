/**
 * The image's software bill of materials as CycloneDX 1.6 JSON: the image (by its manifest
 * digest), the executable with its ELF facts, the distribution packages and Go modules it is
 * made of, every file with its SHA-256, and which file the loader needs for which.
 *
 * <p>Entry point: {@link io.github.scratchimage.sbom.CycloneDxWriter#write(SbomInput)}. The input
 * is plain records the caller fills from the analysis, the library resolution, the dpkg database
 * and the built image; the output is the same bytes for the same input. No Maven or image types.
 */
package io.github.scratchimage.sbom;
