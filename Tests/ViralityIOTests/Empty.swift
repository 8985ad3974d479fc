// placeholder until the IO tests land
