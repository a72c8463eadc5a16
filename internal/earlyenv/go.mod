module e.minuit.local/earlyenv

go 1.26.8
