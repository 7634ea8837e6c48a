// `import Bounds` brings the model it checks (`Flow`, and through it the
// linear algebra and the integrator), so a statement file needs one import.
@_exported import Flow
@_exported import Sensing
