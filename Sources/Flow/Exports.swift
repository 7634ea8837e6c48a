// `import Flow` brings the modules below it: the linear algebra and the
// generic integrator the model is built on.
@_exported import LinearAlgebra
@_exported import ODE
