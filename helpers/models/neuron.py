"""A conductance-based leaky integrate-and-fire (LIF) neuron with a GABA-A conductance.

With constant conductances the membrane relaxes towards

``V_inf = (gL*EL + gE*EE + gGABA*ECl) / (gL + gE + gGABA)``  (mV)

with time constant ``tau = C / (gL + gE + gGABA)``. When ``V_inf`` is above
threshold the neuron fires regularly at

``rate = 1 / (t_ref + tau * ln((V_inf - V_reset) / (V_inf - V_th)))``  (Hz),

otherwise it is silent. The GABA-A conductance is ``G_GABA_MAX_NS`` times the
normalised receptor response of :func:`helpers.models.receptor.gaba_a_response`,
so in the model diazepam acts on the neuron only through the GABA that is present
(no GABA, no current: bzd_ceiling_allosteric).

All membrane constants are ASSUMPTIONS typical of textbook LIF models, except the
leak reversal, set to the resting potential measured in cortical neurons
(source: chloride_reversal, resting potential -69.7 mV).
"""

from __future__ import annotations

import numpy as np

from helpers.models.receptor import CL_OUT, chloride_reversal_mV, gaba_a_response
from helpers.validation import SETTING, Parameter, as_float

CAPACITANCE_PF = 200.0          # ASSUMPTION: membrane capacitance, pF
LEAK_CONDUCTANCE_NS = 10.0      # ASSUMPTION: leak conductance, nS (tau_m = 20 ms)
LEAK_REVERSAL_MV = -69.7        # source: chloride_reversal (resting potential)
EXCITATORY_REVERSAL_MV = 0.0    # ASSUMPTION: AMPA-type excitatory reversal, mV
THRESHOLD_MV = -50.0            # ASSUMPTION: spike threshold, mV
RESET_MV = -60.0                # ASSUMPTION: reset potential after a spike, mV
REFRACTORY_MS = 2.0             # ASSUMPTION: absolute refractory period, ms
G_GABA_MAX_NS = 20.0            # ASSUMPTION: GABA-A conductance at the maximal GABA response, nS
CL_OUT_MM = CL_OUT.default      # source: chloride_reversal (external Cl- 133 mM)
# Intracellular chloride: 10 mM derived in chloride_reversal by Nernst (a calculation, not a measurement);
# the range runs to the immature 13-70 mM (chloride_immature, partly verified).
CL_IN = Parameter("cl_in_mM", 10.0, 2.0, 70.0, "mM", "chloride_reversal; chloride_immature", label="Chloride inside",
                  teaching=(2.0, 70.0, 1.0), teaching_points=(2.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 38.0, 50.0, 70.0))
CL_IN_MM = CL_IN.default

# The conditions the learner sets (the defaults are teaching choices, not measurements).
EXCITATION = Parameter("excitation_nS", 6.5, 0.0, 50.0, "nS", SETTING, label="Excitatory input",
                       teaching=(0.0, 20.0, 0.5))
GABA = Parameter("gaba_uM", 3.0, 0.0, 1000.0, "µM", SETTING, label="GABA around the neuron", teaching=(0.0, 30.0, 0.5))
DIAZEPAM = Parameter("diazepam_uM", 0.0, 0.0, 10.0, "µM", SETTING, label="Diazepam",
                     teaching=(0.0, 10.0, 0.05), teaching_points=(0.0, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0))
DIAZEPAM_RANGE_UM = (DIAZEPAM.low, DIAZEPAM.high)


def membrane_steady_state(*, excitation_nS=EXCITATION.default, gaba_uM=GABA.default, diazepam_uM=DIAZEPAM.default,
                          cl_in_mM=CL_IN_MM):
    """Steady membrane target and time constant of the model neuron.

    Parameters: excitatory conductance in nS (0-50), GABA in uM (0-1000),
    diazepam in uM (0-10), intracellular chloride in mM (2-70).

    Returns a dict with ``v_inf_mV``, ``tau_ms``, ``g_gaba_nS`` and ``e_cl_mV``.
    """
    diazepam = DIAZEPAM.check(diazepam_uM)
    state = _steady_state(diazepam, **_checked_inputs(excitation_nS, gaba_uM, cl_in_mM))
    return {key: float(value) for key, value in state.items()}


def firing_rate_hz(*, excitation_nS=EXCITATION.default, gaba_uM=GABA.default, diazepam_uM=DIAZEPAM.default,
                   cl_in_mM=CL_IN_MM):
    """Regular firing rate of the LIF neuron in Hz (0 when the neuron stays below threshold).

    Same parameters as :func:`membrane_steady_state`.
    """
    state = membrane_steady_state(excitation_nS=excitation_nS, gaba_uM=gaba_uM,
                                  diazepam_uM=diazepam_uM, cl_in_mM=cl_in_mM)
    return float(_rate_hz(state["v_inf_mV"], state["tau_ms"]))


def firing_rate_curve_hz(diazepam_uM, *, excitation_nS=EXCITATION.default, gaba_uM=GABA.default, cl_in_mM=CL_IN_MM):
    """Firing rate in Hz for each diazepam concentration in the array ``diazepam_uM`` (uM, 0-10).

    The vectorised form of :func:`firing_rate_hz`, for drawing rate-against-dose curves quickly.
    """
    diazepam = DIAZEPAM.check_array(diazepam_uM)
    state = _steady_state(diazepam, **_checked_inputs(excitation_nS, gaba_uM, cl_in_mM))
    return _rate_hz(state["v_inf_mV"], state["tau_ms"])


def voltage_trace(*, duration_ms=300.0, dt_ms=0.25, excitation_nS=EXCITATION.default, gaba_uM=GABA.default,
                  diazepam_uM=DIAZEPAM.default, cl_in_mM=CL_IN_MM):
    """Membrane potential (mV) over time (ms), solved exactly between spikes.

    The neuron starts at the leak reversal. Spikes are drawn as a vertical line
    to 0 mV at the sample where threshold is crossed. ``duration_ms`` is 10-2000 ms,
    ``dt_ms`` 0.05-5 ms. Returns ``(time_ms, voltage_mV)`` numpy arrays.
    """
    duration = as_float("duration_ms", duration_ms, low=10.0, high=2000.0)
    dt = as_float("dt_ms", dt_ms, low=0.05, high=5.0)
    state = membrane_steady_state(excitation_nS=excitation_nS, gaba_uM=gaba_uM,
                                  diazepam_uM=diazepam_uM, cl_in_mM=cl_in_mM)
    time_ms = np.arange(0.0, duration + dt / 2, dt)
    voltage = np.empty_like(time_ms)
    v_inf, decay = state["v_inf_mV"], np.exp(-dt / state["tau_ms"])
    v, refractory_until = LEAK_REVERSAL_MV, -1.0
    for i, t in enumerate(time_ms):
        if t < refractory_until:
            v = RESET_MV
        elif i:
            v = v_inf + (v - v_inf) * decay
        if v >= THRESHOLD_MV:
            voltage[i] = 0.0  # draw the spike, then reset
            v, refractory_until = RESET_MV, t + REFRACTORY_MS
        else:
            voltage[i] = v
    return time_ms, voltage


def _checked_inputs(excitation_nS, gaba_uM, cl_in_mM) -> dict:
    return dict(
        g_exc=EXCITATION.check(excitation_nS), gaba=GABA.check(gaba_uM), cl_in=CL_IN.check(cl_in_mM),
    )


def _steady_state(diazepam, *, g_exc, gaba, cl_in) -> dict:
    """V_inf (mV), tau (ms), GABA-A conductance (nS) and E_Cl (mV); ``diazepam`` may be an array."""
    g_gaba = G_GABA_MAX_NS * np.asarray(gaba_a_response(gaba, "diazepam", diazepam))
    e_cl = chloride_reversal_mV(cl_in, CL_OUT_MM)
    g_total = LEAK_CONDUCTANCE_NS + g_exc + g_gaba
    v_inf = (LEAK_CONDUCTANCE_NS * LEAK_REVERSAL_MV + g_exc * EXCITATORY_REVERSAL_MV + g_gaba * e_cl) / g_total
    return {"v_inf_mV": v_inf, "tau_ms": CAPACITANCE_PF / g_total, "g_gaba_nS": g_gaba, "e_cl_mV": e_cl}


def _rate_hz(v_inf_mV, tau_ms):
    """Regular firing rate (Hz) from the membrane target and time constant; 0 at or below threshold."""
    v_inf, tau = np.asarray(v_inf_mV, dtype=float), np.asarray(tau_ms, dtype=float)
    above = v_inf > THRESHOLD_MV
    safe_v = np.where(above, v_inf, THRESHOLD_MV + 1.0)
    period_ms = REFRACTORY_MS + tau * np.log((safe_v - RESET_MV) / (safe_v - THRESHOLD_MV))
    return np.where(above, 1000.0 / period_ms, 0.0)
