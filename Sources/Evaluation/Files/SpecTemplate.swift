import TOML

/// The commented spec file `lineup new` writes: every key, its unit, and how unknowns count.
public enum SpecTemplate {
    public static func text(vendor: String, model: String) -> String {
        """
        # A body-worn camera product for Lineup. Fill in what the vendor has published and leave
        # out (or keep commented) what is not known: unknown figures are shown as unknown and
        # scored by the rules in the README ("Unknown figures"). Check with: lineup validate
        # The product is left out of the ranking until it gives at least a camera price or a status.
        vendor = \(quoted(vendor))
        model = \(quoted(model))
        # summary = "One sentence on what it is."
        # quote_date = 2015-04-21          # when these figures were gathered
        # sources = ["where each figure came from"]
        # notes = "Anything a reader should know."

        [availability]
        # status = "announced"             # "shipping" or "announced"
        # date = [2015-07-21, 2015-08-21]  # a date, or [earliest, latest]; ranked on its middle day

        [camera]
        # price = [800, 1000]              # dollars per camera, or a range; ranked on its middle
        # accessories = 0                  # dollars per camera (mounts, cables, batteries)
        # warranty_years = 1
        # extended_warranty_per_year = 0   # dollars per camera per year

        [dock]
        # price = 0                        # dollars per dock
        # cameras_per_dock = 1

        [video]
        # resolution = "720p"
        # gb_per_hour = 1.0                # GB of video per recorded hour, at that resolution
        # field_of_view = 130              # degrees
        # battery_hours = 12
        # pre_event_seconds = 30
        # pre_event_audio = false

        [storage]
        # model = "cloud"                  # "cloud", "on-premises" or "existing-backend"
        # per_user_per_month = 55          # dollars per licensed user per month (or a range)
        # per_camera_per_month = 0         # dollars per camera per month (or a range)
        # included_gb_per_user = 60        # cloud storage included per user
        # overage_per_gb_month = 0.125     # dollars per GB per month beyond what is included
        # server_price = 0                 # one-time server or disks (on-premises)
        # server_tb = 0                    # the server's capacity in TB (on-premises)
        # upkeep_per_tb_year = 0           # dollars per stored TB per year (on-premises, existing back-end)
        # setup = 0                        # one-time software or setup, dollars

        [integration]
        # in_car_system = "Panasonic Arbitrator"   # the in-car system these features work with
        # shared_evidence_software = false
        # car_triggers = false                     # lights or siren start recording
        # synchronised_playback = false
        # shared_upload = false                    # same Wi-Fi or docks as the cars

        """
    }

    static func quoted(_ s: String) -> String { Quoting.toml(s) }
}
