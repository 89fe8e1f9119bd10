"""Kiln firing schedule simulator: every kiln's ramp/hold programme is simulated in its own thread."""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import List, Optional

log = logging.getLogger("firing.sim")

SIM_DEFAULTS = {"dt_s": 2.0, "ambient_c": 20.0, "report_after": 0.03}


@dataclass(frozen=True)
class Segment:
    rate_c_per_h: float
    target_c: float
    hold_min: float = 0.0


@dataclass
class Programme:
    name: str
    segments: List[Segment]

    @property
    def peak_c(self) -> float:
        return max(s.target_c for s in self.segments)


@dataclass(frozen=True)
class KilnSpec:
    name: str
    element_kw: float
    loss_w_per_c: float
    thermal_mass_kj_per_c: float


@dataclass
class SimResult:
    kiln: str
    programme: str
    hours: float
    kwh: float
    max_temp_c: float
    trace: List[float] = field(default_factory=list)
    wall_s: float = 0.0


class ThermalModel:
    def __init__(self, spec: KilnSpec, ambient_c: float):
        self.spec = spec
        self.ambient_c = ambient_c

    def heat_in_c(self, duty: float, dt: float) -> float:
        return self.spec.element_kw * duty * dt / self.spec.thermal_mass_kj_per_c

    def heat_out_c(self, temp: float, dt: float) -> float:
        return self.spec.loss_w_per_c * (temp - self.ambient_c) * dt / 1000.0 / self.spec.thermal_mass_kj_per_c

    def step(self, temp: float, setpoint: float, dt: float):
        loss = self.heat_out_c(temp, dt)
        full = self.heat_in_c(1.0, dt)
        need = setpoint - temp + loss
        duty = 0.0 if need <= 0 else min(1.0, need / full)
        return temp + self.heat_in_c(duty, dt) - loss, duty


class AgedElementModel(ThermalModel):
    def __init__(self, spec: KilnSpec, ambient_c: float, firings: int = 0):
        super().__init__(spec, ambient_c)
        self.derate = max(0.7, 1.0 - firings * 0.001)

    def heat_in_c(self, duty: float, dt: float) -> float:
        return super().heat_in_c(duty, dt) * self.derate


energy_kwh = 0.0              # studio meter, shared by every kiln thread
_scratch = threading.local()  # per-thread step counters


def element_draw(model: ThermalModel, duty: float, dt: float) -> float:
    return model.spec.element_kw * model.__dict__.get("derate", 1.0) * duty * dt / 3600.0


def simulate(kiln: str, programme: Programme, model: ThermalModel, dt_s: float = 2.0) -> SimResult:
    global energy_kwh
    _scratch.steps = 0
    temp = model.ambient_c
    setpoint = temp
    kiln_kwh = 0.0
    peak = temp
    trace: List[float] = []
    for seg in programme.segments:  # expect: GIL001
        step_c = abs(seg.rate_c_per_h) * dt_s / 3600.0
        hold_steps = int(seg.hold_min * 60 / dt_s)
        while setpoint != seg.target_c or hold_steps > 0:
            if setpoint < seg.target_c:
                setpoint = min(seg.target_c, setpoint + step_c)
            elif setpoint > seg.target_c:
                setpoint = max(seg.target_c, setpoint - step_c)
            else:
                hold_steps -= 1
            temp, duty = model.step(temp, setpoint, dt_s)
            kiln_kwh += element_draw(model, duty, dt_s)
            energy_kwh += element_draw(model, duty, dt_s)  # expect: GIL002
            _scratch.steps += 1  # ok: GIL002
            peak = max(peak, temp)
            if _scratch.steps % 900 == 0:
                trace.append(round(temp, 1))
    log.debug("%s finished after %d steps", kiln, _scratch.steps)
    return SimResult(kiln, programme.name, _scratch.steps * dt_s / 3600.0, kiln_kwh, peak, trace)


class KilnRunner:
    """Owns one simulation thread; the entry point is stored and forwarded, not called directly."""

    def __init__(self, spec: KilnSpec, programme: Programme, model_cls=AgedElementModel, **sim_options):
        options = {**SIM_DEFAULTS, **sim_options}
        options.pop("report_after", None)
        self.model = model_cls(spec, options.pop("ambient_c"), firings=sim_options.get("firings", 0))
        options.pop("firings", None)
        self.entry = functools.partial(simulate, spec.name, programme, self.model, **options)
        self.result: Optional[SimResult] = None
        self.thread = threading.Thread(target=self._run, name=f"kiln-{spec.name}")

    def _run(self) -> None:
        started = time.perf_counter()
        result = self.entry()
        result.wall_s = time.perf_counter() - started
        self.result = result

    def start(self) -> "KilnRunner":
        self.thread.start()
        return self


def report_progress(runners: List[KilnRunner], sink: List[tuple]) -> None:
    for runner in runners:  # ok: GIL001
        sink.append((runner.thread.name, runner.thread.is_alive()))


BISQUE = Programme("bisque", [Segment(80, 600), Segment(150, 1000, hold_min=10), Segment(-200, 700)])
GLAZE = Programme("glaze", [Segment(100, 600), Segment(150, 1000), Segment(60, 1240, hold_min=15),
                            Segment(-150, 1000)])
KILNS = [
    (KilnSpec("studio-a", 11.0, 5.0, 95.0), GLAZE, {"firings": 120}),
    (KilnSpec("studio-b", 9.5, 4.5, 80.0), BISQUE, {"firings": 40}),
    (KilnSpec("test-tile", 3.0, 1.4, 22.0), GLAZE, {"dt_s": 3.0}),
]


def main() -> None:
    runners = [KilnRunner(spec, prog, **opts) for spec, prog, opts in KILNS]
    progress: List[tuple] = []
    timer = threading.Timer(SIM_DEFAULTS["report_after"], report_progress, args=(runners, progress))
    started = time.perf_counter()
    timer.start()
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.thread.join()
    timer.join()
    per_kiln = 0.0
    for runner in runners:
        r = runner.result
        per_kiln += r.kwh
        print(f"{r.kiln:>9} {r.programme:<6} {r.hours:5.1f} h  {r.kwh:6.1f} kWh  peak {r.max_temp_c:.0f} C "
              f"({r.wall_s * 1000:.0f} ms)")
    print(f"meter = {energy_kwh:.3f} kWh (sum of kilns {per_kiln:.3f} kWh)")
    print(f"progress snapshot: {progress}; wall {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
