import Foundation
import Testing
@testable import ODE
import Flow

@Suite("Events")
struct EventTests {
  /// y = (cos t, −sin t).
  static let oscillator = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = y[1]; dy[1] = -y[0] }
  static let tight = IntegratorOptions(relativeTolerance: 1e-12, absoluteTolerance: 1e-12)

  @Test("roots of cos t at π/2 + jπ, with direction filtering",
        arguments: [(EventDirection.either, [0, 1, 2]), (.falling, [0, 2]), (.rising, [1])])
  func cosineRoots(direction: EventDirection, js: [Int]) throws {
    let event = Event(name: "cos", direction: direction) { _, y in y[0] }
    let sol = try integrate(Self.oscillator, from: 0, to: 10, y0: [1, 0], options: Self.tight, events: [event])
    #expect(sol.status == .completed)
    #expect(sol.events.count == js.count)
    for (occurrence, j) in zip(sol.events, js) {
      #expect(abs(occurrence.t - (Double.pi / 2 + Double(j) * .pi)) <= 1e-10)
      #expect(occurrence.direction == (j % 2 == 0 ? .falling : .rising))
      #expect(occurrence.name == "cos" && occurrence.index == 0)
      #expect(abs(occurrence.y[0]) <= 1e-10)
    }
  }

  @Test("terminal event stops the integration at the root")
  func terminalStop() throws {
    let event = Event(name: "rise", direction: .rising, terminal: true) { _, y in y[0] }
    let sol = try integrate(Self.oscillator, from: 0, to: 10, y0: [1, 0], options: Self.tight, events: [event])
    let occurrence = try #require(sol.events.last)
    #expect(sol.status == .terminatedByEvent(occurrence))
    #expect(abs(sol.t - 1.5 * .pi) <= 1e-10)
    #expect(sol.t == occurrence.t && sol.y == occurrence.y && sol.times.last == sol.t && sol.states.last == sol.y)
    #expect(abs(sol.y[0]) <= 1e-10 && abs(sol.y[1] - 1) <= 1e-10)
    let dense = try #require(sol.dense)
    #expect(dense.endTime == sol.t && dense(sol.t) == sol.y)
  }

  @Test("falling ball hits the ground at the closed-form time", arguments: [0.0, 3.0, -2.0])
  func fallingBall(v0: Double) throws {
    let g = 9.81, h0 = 10.0
    let ball = ClosureSystem(dimension: 2) { _, y, dy in dy[0] = y[1]; dy[1] = -g }
    let ground = Event(name: "ground", direction: .falling, terminal: true) { _, y in y[0] }
    let sol = try integrate(ball, from: 0, to: 100, y0: [h0, v0], events: [ground])
    let tHit = (v0 + (v0 * v0 + 2 * g * h0).squareRoot()) / g
    #expect(abs(sol.t - tHit) <= 1e-10)
    #expect(abs(sol.y[1] + (v0 * v0 + 2 * g * h0).squareRoot()) <= 1e-9)
    #expect(sol.events.count == 1)
  }

  @Test("several events in one step: time order, earliest terminal wins")
  func ordering() throws {
    let line = ClosureSystem(dimension: 1) { _, _, dy in dy[0] = 1 }  // y = t
    let events = [
      Event(name: "late", terminal: true) { _, y in y[0] - 0.7 },
      Event(name: "early") { _, y in y[0] - 0.3 },
      Event(name: "middle", terminal: true) { _, y in y[0] - 0.5 },
    ]
    let options = IntegratorOptions(initialStep: 1.0)  // one step covers all three roots
    let sol = try integrate(line, from: 0, to: 1, y0: [0], options: options, events: events)
    #expect(sol.statistics.acceptedSteps == 1)
    #expect(sol.events.map(\.name) == ["early", "middle"])
    #expect(sol.events.map(\.index) == [1, 2])
    #expect(abs(sol.events[0].t - 0.3) <= 1e-14 && abs(sol.events[1].t - 0.5) <= 1e-14)
    #expect(abs(sol.t - 0.5) <= 1e-14)
  }

  /// g = (y − 3)(y − 3.5) on y = t crosses twice, 0.5 apart. Unbounded, DOPRI5's
  /// steps (×10 growth) jump over both crossings; with maxStep < 0.5 every step
  /// holds at most one crossing, so both are found.
  @Test("crossings farther apart than maxStep are never missed", arguments: [0.49, 0.3, 0.1])
  func maxStepCatchesDoubleCrossing(maxStep: Double) throws {
    let line = ClosureSystem(dimension: 1) { _, _, dy in dy[0] = 1 }
    let event = Event(name: "double") { _, y in (y[0] - 3) * (y[0] - 3.5) }
    let unbounded = try integrate(line, from: 0, to: 10, y0: [0], events: [event])
    #expect(unbounded.events.isEmpty)  // documented limitation without maxStep
    let bounded = try integrate(line, from: 0, to: 10, y0: [0], options: IntegratorOptions(maxStep: maxStep),
                                events: [event])
    #expect(bounded.events.map(\.direction) == [.falling, .rising])
    #expect(bounded.events.count == 2)
    if bounded.events.count == 2 {
      #expect(abs(bounded.events[0].t - 3) <= 1e-12 && abs(bounded.events[1].t - 3.5) <= 1e-12)
    }
  }

  @Test("events work backward in time")
  func backward() throws {
    let event = Event(name: "cos") { _, y in y[0] }
    let sol = try integrate(Self.oscillator, from: 0, to: -5, y0: [1, 0], options: Self.tight, events: [event])
    #expect(sol.events.count == 2)
    #expect(abs(sol.events[0].t + .pi / 2) <= 1e-10 && abs(sol.events[1].t + 1.5 * .pi) <= 1e-10)
  }
}
